using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>
/// What <see cref="GpuPassAllocator"/> decided for one pass: the desired workspaces with their
/// <see cref="DesiredWorkspace.Gpu"/> filled in (and spec hash updated), the assignments of this pass's
/// workspaces (<see cref="Assigned"/>, keyed like the holders) and every request it could not serve.
/// <see cref="Holders"/> is the full picture of the hosts after the pass: running holders of other workspaces
/// plus this pass's assignments.
/// </summary>
public sealed record GpuPassResult(
    IReadOnlyList<DesiredWorkspace> Workspaces,
    IReadOnlyList<GpuAssignment> Assigned,
    IReadOnlyList<PendingGpuRequest> Pending,
    IReadOnlyList<GpuAssignment> Holders);
