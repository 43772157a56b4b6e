using Reconciler.Core.Gpu.Requests;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// One workspace's request as the allocator sees it. The order of demands is their priority.
/// <see cref="Host"/> pins the workspace to one runtime endpoint (workspace.yaml <c>host:</c>).
/// </summary>
public sealed record GpuDemand(string Workspace, GpuRequest Request, GpuWorkloadState State = GpuWorkloadState.Running, string? Host = null);

/// <summary>
/// <see cref="Stopped"/> releases the workspace's GPUs; <see cref="StoppedButReserved"/> keeps (or takes)
/// them while it is stopped, like <see cref="Running"/>.
/// </summary>
public enum GpuWorkloadState
{
    Running,
    Stopped,
    StoppedButReserved,
}
