using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Requests;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>
/// A workspace's GPU request and what the pass made of it: the <see cref="Assignment"/> its container is created
/// with (part of the spec hash, so a changed assignment recreates the container), or the reason it is
/// <see cref="Pending"/>. An optional request (<c>hostRequirements.gpu: "optional"</c>) may carry a reason and
/// still run without a GPU; only a required one holds the workspace back (<see cref="IsPending"/>).
/// </summary>
public sealed record WorkspaceGpu(GpuRequest Request, GpuAssignment? Assignment = null, string? Pending = null)
{
    public bool IsPending => Pending is not null && !Request.Optional;
}
