using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Requests;

/// <summary>
/// What one workspace asks of the allocator. <see cref="Count"/> is GPUs (exclusive, shared) or instances
/// (MIG, vGPU), all on one host. <see cref="Model"/> matches a substring of the product name, ignoring case.
/// <see cref="Profile"/> is a MIG profile (<c>3g.40gb</c>) or a vGPU type. <see cref="MemoryBytes"/> is, for
/// shared, a hint summed per GPU and, for exclusive, the least memory a GPU must have.
/// <see cref="Replicas"/> caps the workspaces on one shared GPU. <see cref="Optional"/> marks a request from
/// <c>hostRequirements.gpu: "optional"</c>: served if a GPU is free, never pending.
/// </summary>
public sealed record GpuRequest(
    GpuMode Mode,
    int Count = 1,
    string? Model = null,
    string? Profile = null,
    long? MemoryBytes = null,
    int? Replicas = null,
    bool Optional = false)
{
    public static GpuRequest None { get; } = new(GpuMode.None, 0);

    /// <summary>Cores from <c>hostRequirements.gpu.cores</c>: recorded, not checked (nvidia-smi does not report them).</summary>
    public int? Cores { get; init; }

    public bool WantsGpu => Mode != GpuMode.None && Count > 0;
}
