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

    // Running totals of the shared rule (kept in step with _claims) so that a full cluster is scanned in O(1) per GPU.
    private int _notShared;
    private int _minReplicas = int.MaxValue;
    private long _memory;

    // MIG instances planned on this GPU (assigned, not created yet): per profile and in compute slices.
    private readonly Dictionary<string, int> _plannedByProfile = new(StringComparer.OrdinalIgnoreCase);
    private int _plannedSlices;
    private Dictionary<string, int>? _existingByProfile;
    private int _existingSlices;

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
            Count(claim, defaultReplicas);
        }

        return claim;
    }

    public void Release(Claim claim, int defaultReplicas)
    {
        _claims.Remove(claim);
        (_notShared, _minReplicas, _memory, _plannedSlices) = (0, int.MaxValue, 0, 0);
        _plannedByProfile.Clear();
        foreach (var held in _claims)
        {
            Count(held, defaultReplicas);
        }
    }

    private void Count(Claim claim, int defaultReplicas)
    {
        if (claim.Mode != GpuMode.Shared)
        {
            _notShared++;
        }

        _minReplicas = Math.Min(_minReplicas, claim.Replicas ?? defaultReplicas);
        _memory += claim.MemoryBytes ?? 0;
        if (claim.Instance is null && claim.Mode == GpuMode.Mig)
        {
            var name = MigProfileName.Normalize(claim.Profile ?? "");
            _plannedByProfile[name] = _plannedByProfile.GetValueOrDefault(name) + 1;
            _plannedSlices += Slices(claim.Profile);
        }
    }

    private bool SharedFits(GpuRequest request, int defaultReplicas)
    {
        if (_notShared > 0)
        {
            return false;
        }

        var cap = Math.Min(_minReplicas, request.Replicas ?? defaultReplicas);
        var memory = _memory + (request.MemoryBytes ?? 0);
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

        MigInstance? instance = null;
        if (choice == MigChoice.AsObserved && observed is { MigInstanceId: not null } or { MigInstanceUuid: not null })
        {
            instance = Device.MigInstances.FirstOrDefault(i => observed.MigInstanceId is { } id ? i.InstanceId == id : i.Uuid == observed.MigInstanceUuid);
            return instance is null || Held().Contains(instance.InstanceId) || !SameName(instance.Profile, profile.Name)
                ? null
                : new Claim(workspace, GpuMode.Mig, profile.Name, null, null, instance);
        }

        if (choice == MigChoice.ExistingInstance)
        {
            if (Device.MigInstances.Count == 0)
            {
                return null;
            }

            var held = Held();
            instance = Device.MigInstances.Where(i => SameName(i.Profile, profile.Name) && !held.Contains(i.InstanceId)).OrderBy(i => i.InstanceId).FirstOrDefault();
            return instance is null ? null : new Claim(workspace, GpuMode.Mig, profile.Name, null, null, instance);
        }

        var existing = ExistingByProfile();
        var name = MigProfileName.Normalize(profile.Name);
        var ofProfile = existing.GetValueOrDefault(name) + _plannedByProfile.GetValueOrDefault(name);
        var slices = _existingSlices + _plannedSlices;
        return ofProfile + 1 <= profile.Total && slices + profile.Slices <= TotalSlices()
            ? new Claim(workspace, GpuMode.Mig, profile.Name, null, null, null)
            : null;
    }

    private HashSet<int> Held() => _claims.Where(c => c.Instance is not null).Select(c => c.Instance!.InstanceId).ToHashSet();

    /// <summary>The existing instances per profile and their slices: the inventory does not change during an allocation.</summary>
    private Dictionary<string, int> ExistingByProfile()
    {
        if (_existingByProfile is null)
        {
            _existingByProfile = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var instance in Device.MigInstances)
            {
                var name = MigProfileName.Normalize(instance.Profile);
                _existingByProfile[name] = _existingByProfile.GetValueOrDefault(name) + 1;
                _existingSlices += Slices(instance.Profile);
            }
        }

        return _existingByProfile;
    }

    private int TotalSlices() => Device.MigProfiles.Count == 0 ? MigProfileName.DefaultSlices : Device.MigProfiles.Max(p => p.Slices);

    private int Slices(string? profile)
        => Device.MigProfiles.FirstOrDefault(p => SameName(p.Name, profile))?.Slices ?? MigProfileName.Slices(profile ?? "") ?? 1;

    private static bool SameName(string? a, string? b)
        => a is not null && b is not null && string.Equals(MigProfileName.Normalize(a), MigProfileName.Normalize(b), StringComparison.OrdinalIgnoreCase);
}
