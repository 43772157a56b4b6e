using Reconciler.Core.Desired;

namespace Reconciler.Core.Planning;

/// <summary>
/// The per-workspace drift-repair opt-out. Only drift is spared: at a commit already applied, a missing
/// container (removed by hand) is not recreated and a stopped one is not started. A new commit converges as usual,
/// and so does a lifecycle start (scheduled, on_demand, ephemeral, idleTimeout): there the lifecycle owns power.
/// </summary>
internal static class SelfHeal
{
    public static PlanAction Apply(PlanAction action, bool atAppliedCommit)
    {
        if (!atAppliedCommit || action.Desired is not { Spec.SelfHeal: false })
        {
            return action;
        }

        return action.Kind switch
        {
            // A lifecycle that starts and stops the workspace owns its power: its start is not drift repair.
            PlanActionKind.Start when action.Desired.Spec.Lifecycle is not { Policy: Workspaces.LifecyclePolicy.Persistent, IdleTimeout: null } => action,
            PlanActionKind.Start => action with
            {
                Kind = PlanActionKind.NoOp,
                Reasons = ["container was stopped outside Reconciler; selfHeal is off, left stopped until the next commit"],
            },
            PlanActionKind.Create => action with
            {
                Kind = PlanActionKind.NoOp,
                Reasons = ["container was removed outside Reconciler; selfHeal is off, not recreated until the next commit"],
            },
            _ => action,
        };
    }
}
