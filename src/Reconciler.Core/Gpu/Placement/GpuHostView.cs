using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>One GPU for display: who holds it (allocator names, <c>repo/workspace</c>) and in which mode.</summary>
public sealed record GpuDeviceView(int Index, string Uuid, string Name, long MemoryMiB, bool Mig, GpuMode Mode, IReadOnlyList<string> Holders)
{
    public bool IsFree => Holders.Count == 0;
}

/// <summary>
/// One host's GPUs for <c>GET /api/gpus</c>, <c>status</c> and metrics: each GPU with its holders, and for MIG the
/// instances of each profile that could still be added (per profile, at most its total minus the instances that
/// exist or are assigned, and no more than the free compute slices allow; an upper bound that ignores placement).
/// </summary>
public sealed record GpuHostView(string Host, IReadOnlyList<GpuDeviceView> Devices, IReadOnlyDictionary<string, int> FreeMigProfiles)
{
    public static GpuHostView Build(GpuInventory inventory, IReadOnlyList<GpuAssignment> holders)
    {
        var onHost = holders.Where(h => h.Host == inventory.Host).ToList();
        var devices = new List<GpuDeviceView>();
        var freeMig = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var device in inventory.Devices.OrderBy(d => d.Index))
        {
            var claims = onHost.SelectMany(h => h.Gpus.Where(g => g.DeviceUuid == device.Uuid).Select(g => (Holder: h, Gpu: g))).ToList();
            var mode = claims.Count == 0 ? GpuMode.None : claims[0].Holder.Mode;
            devices.Add(new GpuDeviceView(device.Index, device.Uuid, device.Name, device.MemoryMiB, device.IsMigEnabled, mode,
                [.. claims.Select(c => c.Holder.Workspace).Distinct(StringComparer.Ordinal)]));
            if (!device.IsMigEnabled || device.MigProfiles.Count == 0)
            {
                continue;
            }

            // Instances in use: those that exist, plus planned ones (assigned without an instance id).
            var planned = claims.Where(c => c.Gpu.MigInstanceId is null && c.Gpu.MigInstanceUuid is null).Select(c => c.Holder.Profile ?? "").ToList();
            var used = device.MigInstances.Select(i => i.Profile).Concat(planned).ToList();
            var totalSlices = device.MigProfiles.Max(p => p.Slices);
            var usedSlices = used.Sum(p => MigProfileName.Slices(p) ?? 1);
            var heldInstances = claims.Where(c => c.Gpu.MigInstanceId is not null).Select(c => c.Gpu.MigInstanceId).ToHashSet();
            foreach (var profile in device.MigProfiles)
            {
                var idle = device.MigInstances.Count(i => Same(i.Profile, profile.Name) && !heldInstances.Contains(i.InstanceId));
                var byCount = profile.Total - used.Count(p => Same(p, profile.Name));
                var bySlices = profile.Slices == 0 ? 0 : (totalSlices - usedSlices) / profile.Slices;
                freeMig[profile.Name] = freeMig.GetValueOrDefault(profile.Name) + idle + Math.Max(0, Math.Min(byCount, bySlices));
            }
        }

        return new GpuHostView(inventory.Host, devices, freeMig);
    }

    private static bool Same(string a, string b)
        => string.Equals(MigProfileName.Normalize(a), MigProfileName.Normalize(b), StringComparison.OrdinalIgnoreCase);
}
