using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>
/// Workspaces whose GPUs stay reserved while they are stopped: a GPU workspace the lifecycle keeps stopped now whose
/// next transition starts it within the reservation window (worker config <c>gpu.reserveBeforeStart</c>). Its stopped
/// container keeps holding what it held, so the 09:00 start finds its GPUs; outside the window they are released.
/// </summary>
public static class GpuReservations
{
    public static IReadOnlySet<WorkspaceKey> Of(IReadOnlyList<DesiredWorkspace> desired, DateTimeOffset now, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return new HashSet<WorkspaceKey>();
        }

        return desired
            .Where(d => d.Gpu is not null && d.Power == PowerState.Stopped && !d.Expired
                        && d.PowerDecision?.Next is { State: DesiredPower.Running } next && next.At - now <= window)
            .Select(d => d.Key)
            .ToHashSet();
    }
}
