using Reconciler.Core.Gpu.Requests;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>The allocator's answer: every assignment (kept and new, in demand order) and every request it could not serve.</summary>
public sealed record GpuAllocation(IReadOnlyList<GpuAssignment> Assignments, IReadOnlyList<PendingGpuRequest> Pending);

/// <summary>
/// A request without GPUs, and why (<c>needs 2 × H100 on one host; free: 1</c>). An optional request
/// (<see cref="GpuRequest.Optional"/>) is listed too, but the workspace may start without a GPU.
/// </summary>
public sealed record PendingGpuRequest(string Workspace, GpuRequest Request, string Reason);

/// <summary>Allocator settings from the worker configuration.</summary>
public sealed class GpuAllocatorOptions
{
    /// <summary>Most workspaces on one shared GPU when no request names <c>replicas</c>. Default 4.</summary>
    public int DefaultSharedReplicas { get; init; } = 4;
}
