using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// The GPUs one workspace holds on one host. For shared and vGPU each entry is one slot on a distinct GPU;
/// for MIG each entry is one GPU instance (several may sit on one GPU). <see cref="Profile"/>,
/// <see cref="MemoryBytes"/> and <see cref="Replicas"/> repeat the request so that an observed assignment
/// (read back from container labels) can be checked against capacity without the workspace file.
/// </summary>
public sealed record GpuAssignment(
    string Workspace,
    string Host,
    GpuMode Mode,
    IReadOnlyList<AssignedGpu> Gpus,
    string? Profile = null,
    long? MemoryBytes = null,
    int? Replicas = null)
{
    public bool Equals(GpuAssignment? other)
        => other is not null
            && Workspace == other.Workspace && Host == other.Host && Mode == other.Mode
            && Profile == other.Profile && MemoryBytes == other.MemoryBytes && Replicas == other.Replicas
            && Gpus.SequenceEqual(other.Gpus);

    public override int GetHashCode() => HashCode.Combine(Workspace, Host, Mode, Gpus.Count);
}

/// <summary>
/// One GPU (by UUID) or one MIG instance on it. A MIG entry names an existing instance by
/// <see cref="MigInstanceId"/> (and <see cref="MigInstanceUuid"/> where known); both null means an
/// instance of the assignment's profile still to be created on that GPU.
/// </summary>
public sealed record AssignedGpu(string DeviceUuid, string? MigInstanceUuid = null, int? MigInstanceId = null);
