namespace Reconciler.Core.Gpu.Inventory;

/// <summary>
/// The GPUs of one host, as discovered (<c>nvidia-smi</c>) or declared in the worker configuration.
/// <see cref="Host"/> is the name of the runtime endpoint the workspaces name in <c>host:</c>.
/// </summary>
public sealed record GpuInventory(string Host, IReadOnlyList<GpuDevice> Devices);

/// <summary>
/// One physical GPU. <see cref="Index"/> is nvidia-smi's index (the order of <c>nvidia-smi -q -x</c>);
/// <see cref="MemoryMiB"/> is the framebuffer total. <see cref="MigProfiles"/> is what the GPU can be
/// partitioned into (<c>nvidia-smi mig -lgip</c>), <see cref="MigInstances"/> the GPU instances that exist
/// (<c>nvidia-smi mig -lgi</c>), <see cref="VgpuProfiles"/> a declared table of vGPU types for VMs.
/// </summary>
public sealed record GpuDevice(
    int Index,
    string Uuid,
    string Name,
    long MemoryMiB,
    string? PciBusId = null,
    MigMode MigCurrent = MigMode.NotSupported,
    MigMode MigPending = MigMode.NotSupported)
{
    public IReadOnlyList<MigProfile> MigProfiles { get; init; } = [];

    public IReadOnlyList<MigInstance> MigInstances { get; init; } = [];

    public IReadOnlyList<VgpuProfile> VgpuProfiles { get; init; } = [];

    /// <summary>MIG is on now and no mode change waits for a GPU reset.</summary>
    public bool IsMigEnabled => MigCurrent == MigMode.Enabled && MigPending == MigMode.Enabled;

    /// <summary>A MIG mode change waits for a GPU reset; nothing new is placed on the GPU until then.</summary>
    public bool IsMigChangePending => MigCurrent != MigPending;
}

/// <summary>
/// <c>nvidia-smi</c>'s MIG mode. <see cref="NotSupported"/> stands for <c>N/A</c> (a GPU without MIG).
/// </summary>
public enum MigMode
{
    NotSupported,
    Disabled,
    Enabled,
}

/// <summary>
/// A MIG GPU-instance profile: <see cref="Name"/> without the <c>MIG </c> prefix (<c>1g.10gb</c>,
/// <c>1g.10gb+me</c>), the profile id, free and total instances, memory in MiB (rounded from the GiB
/// nvidia-smi prints) and the compute slices the name starts with (<c>3g.40gb</c> uses 3).
/// </summary>
public sealed record MigProfile(string Name, int Id, int Free, int Total, long MemoryMiB, int Slices);

/// <summary>
/// An existing MIG GPU instance. <see cref="Uuid"/> (<c>MIG-…</c>) is what Docker and CUDA address; it is
/// absent where the source does not print it (<c>nvidia-smi mig -lgi</c> does not).
/// </summary>
public sealed record MigInstance(string Profile, int ProfileId, int InstanceId, int PlacementStart, int PlacementSize, string? Uuid = null);

/// <summary>A vGPU type a GPU can host (e.g. <c>H100-20C</c>) and how many VMs of it fit on one GPU.</summary>
public sealed record VgpuProfile(string Name, int MaxInstances);
