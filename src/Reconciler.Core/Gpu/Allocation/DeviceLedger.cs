using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>One workspace's hold on one GPU: the whole GPU, a shared or vGPU slot, or a MIG instance.</summary>
internal sealed record Claim(string Workspace, GpuMode Mode, string? Profile, long? MemoryBytes, int? Replicas, MigInstance? Instance);

/// <summary>How a MIG claim may be satisfied: by an existing free instance, by a new one, or as an observed entry says.</summary>
internal enum MigChoice
{
    ExistingInstance,
    NewInstance,
    AsObserved,
}

/// <summary>
/// The claims on one GPU and the rules for adding one: exclusive never shares; shared respects the
/// smallest replicas cap of its holders and the sum of memory hints; vGPU holders share one type up to
/// its instance count; MIG respects each profile's instance count and the GPU's compute slices.
/// </summary>
internal sealed class DeviceLedger(GpuDevice device)
{
    private const long MiB = 1024 * 1024;
    private readonly List<Claim> _claims = [];

    public GpuDevice Device { get; } = device;

    public IReadOnlyList<Claim> Claims => _claims;

    public bool Matches(GpuRequest request)
        => (request.Model is null || Device.Name.Contains(request.Model, StringComparison.OrdinalIgnoreCase))
            && !Device.IsMigChangePending
            && (request.Mode == GpuMode.Mig) == Device.IsMigEnabled;

    public Claim? TryClaim(string workspace, GpuRequest request, int defaultReplicas, MigChoice mig = MigChoice.ExistingInstance, AssignedGpu? observed = null)
    {
        if (!Matches(request))
        {
            return null;
        }

        var claim = request.Mode switch
        {
            GpuMode.Exclusive when _claims.Count == 0 && (request.MemoryBytes is null || Device.MemoryMiB * MiB >= request.MemoryBytes)
                => new Claim(workspace, GpuMode.Exclusive, null, request.MemoryBytes, null, null),
            GpuMode.Shared when SharedFits(request, defaultReplicas)
                => new Claim(workspace, GpuMode.Shared, null, request.MemoryBytes, request.Replicas, null),
            GpuMode.Vgpu when VgpuFits(request.Profile)
                => new Claim(workspace, GpuMode.Vgpu, request.Profile, null, null, null),
            GpuMode.Mig => MigClaim(workspace, request.Profile, mig, observed),
            _ => null,
        };
        if (claim is not null)
        {
            _claims.Add(claim);
        }

        return claim;
    }

    public void Release(Claim claim) => _claims.Remove(claim);

    private bool SharedFits(GpuRequest request, int defaultReplicas)
    {
        if (_claims.Any(c => c.Mode != GpuMode.Shared))
        {
            return false;
        }

        var cap = _claims.Select(c => c.Replicas ?? defaultReplicas).Append(request.Replicas ?? defaultReplicas).Min();
        var memory = _claims.Sum(c => c.MemoryBytes ?? 0) + (request.MemoryBytes ?? 0);
        return _claims.Count + 1 <= cap && memory <= Device.MemoryMiB * MiB;
    }

    private bool VgpuFits(string? profile)
    {
        var type = Device.VgpuProfiles.FirstOrDefault(p => SameName(p.Name, profile));
        return type is not null
            && _claims.All(c => c.Mode == GpuMode.Vgpu && SameName(c.Profile, type.Name))
            && _claims.Count + 1 <= type.MaxInstances;
    }

    private Claim? MigClaim(string workspace, string? profileName, MigChoice choice, AssignedGpu? observed)
    {
        var profile = Device.MigProfiles.FirstOrDefault(p => SameName(p.Name, profileName));
        if (profile is null)
        {
            return null;
        }

        var held = _claims.Where(c => c.Instance is not null).Select(c => c.Instance!.InstanceId).ToHashSet();
        MigInstance? instance = null;
        if (choice == MigChoice.AsObserved && observed is { MigInstanceId: not null } or { MigInstanceUuid: not null })
        {
            instance = Device.MigInstances.FirstOrDefault(i => observed.MigInstanceId is { } id ? i.InstanceId == id : i.Uuid == observed.MigInstanceUuid);
            return instance is null || held.Contains(instance.InstanceId) || !SameName(instance.Profile, profile.Name)
                ? null
                : new Claim(workspace, GpuMode.Mig, profile.Name, null, null, instance);
        }

        if (choice == MigChoice.ExistingInstance)
        {
            instance = Device.MigInstances.Where(i => SameName(i.Profile, profile.Name) && !held.Contains(i.InstanceId)).OrderBy(i => i.InstanceId).FirstOrDefault();
            return instance is null ? null : new Claim(workspace, GpuMode.Mig, profile.Name, null, null, instance);
        }

        var planned = _claims.Where(c => c.Instance is null).Select(c => c.Profile).ToList();
        var ofProfile = Device.MigInstances.Count(i => SameName(i.Profile, profile.Name)) + planned.Count(p => SameName(p, profile.Name));
        var slices = Device.MigInstances.Sum(i => Slices(i.Profile)) + planned.Sum(Slices);
        return ofProfile + 1 <= profile.Total && slices + profile.Slices <= TotalSlices()
            ? new Claim(workspace, GpuMode.Mig, profile.Name, null, null, null)
            : null;
    }

    private int TotalSlices() => Device.MigProfiles.Count == 0 ? MigProfileName.DefaultSlices : Device.MigProfiles.Max(p => p.Slices);

    private int Slices(string? profile)
        => Device.MigProfiles.FirstOrDefault(p => SameName(p.Name, profile))?.Slices ?? MigProfileName.Slices(profile ?? "") ?? 1;

    private static bool SameName(string? a, string? b)
        => a is not null && b is not null && string.Equals(MigProfileName.Normalize(a), MigProfileName.Normalize(b), StringComparison.OrdinalIgnoreCase);
}
