using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// The claims on one host's GPUs. Every multi-GPU request is placed on one host, all or nothing: a
/// placement that falls short is rolled back.
/// </summary>
internal sealed class HostLedger
{
    private readonly List<DeviceLedger> _devices;
    private readonly int _defaultReplicas;

    public HostLedger(GpuInventory inventory, int defaultReplicas)
    {
        Host = inventory.Host;
        _defaultReplicas = defaultReplicas;
        _devices = [.. inventory.Devices.OrderBy(d => d.Index).ThenBy(d => d.Uuid, StringComparer.Ordinal).Select(d => new DeviceLedger(d))];
    }

    public string Host { get; }

    public IReadOnlyList<DeviceLedger> Devices => _devices;

    /// <summary>Changes on every claim and release: equal versions mean the same claims on this host.</summary>
    public long Version { get; private set; }

    /// <summary>Some GPU of this host could ever serve <paramref name="request"/> (model, MIG mode), whatever is claimed.</summary>
    public bool CanEverServe(GpuRequest request) => _devices.Any(d => d.Matches(request));

    /// <summary>Claims what <paramref name="observed"/> holds, or nothing when any part no longer fits.</summary>
    public bool TryKeep(GpuAssignment observed, GpuRequest request)
    {
        var taken = new List<(DeviceLedger Device, Claim Claim)>();
        foreach (var gpu in observed.Gpus)
        {
            var device = _devices.FirstOrDefault(d => d.Device.Uuid == gpu.DeviceUuid);
            var claim = device?.TryClaim(observed.Workspace, request, _defaultReplicas, MigChoice.AsObserved, gpu);
            if (claim is null)
            {
                Rollback(taken);
                return false;
            }

            Version++;
            taken.Add((device!, claim));
        }

        return true;
    }

    /// <summary>Places up to <paramref name="count"/> units; returns what was placed (the caller rolls back a partial placement).</summary>
    public List<(DeviceLedger Device, Claim Claim)> Place(string workspace, GpuRequest request, int count)
    {
        var taken = new List<(DeviceLedger Device, Claim Claim)>();
        if (request.Mode == GpuMode.Mig)
        {
            foreach (var choice in new[] { MigChoice.ExistingInstance, MigChoice.NewInstance })
            {
                foreach (var device in _devices)
                {
                    while (taken.Count < count && device.TryClaim(workspace, request, _defaultReplicas, choice) is { } claim)
                    {
                        Version++;
                        taken.Add((device, claim));
                    }
                }
            }

            return taken;
        }

        // Shared slots pack onto GPUs that are already shared, keeping whole GPUs free for exclusive requests.
        var order = request.Mode == GpuMode.Shared
            ? _devices.Where(d => d.Claims.Count > 0).Concat(_devices.Where(d => d.Claims.Count == 0))
            : _devices;
        foreach (var device in order)
        {
            if (taken.Count < count && device.TryClaim(workspace, request, _defaultReplicas) is { } claim)
            {
                Version++;
                taken.Add((device, claim));
            }
        }

        return taken;
    }

    public void Rollback(List<(DeviceLedger Device, Claim Claim)> taken)
    {
        foreach (var (device, claim) in taken)
        {
            device.Release(claim, _defaultReplicas);
            Version++;
        }

        taken.Clear();
    }
}
