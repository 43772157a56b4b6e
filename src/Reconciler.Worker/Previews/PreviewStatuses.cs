using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.State;

namespace Reconciler.Worker.Previews;

/// <summary>
/// Status rows of preview workspaces, written after each preview pass like the repository pass writes its own:
/// keyed by the preview's scope (<c>&lt;repository&gt;#pr-&lt;n&gt;</c>) and name (<c>&lt;workspace&gt;-pr-&lt;n&gt;</c>), so the status
/// API and <c>reconciler status</c> list them beside the other workspaces; a removed preview loses its row.
/// </summary>
internal static class PreviewStatuses
{
    public static async Task WriteAsync(IStateStore store, IReadOnlyList<ActionResult> results, string? commit, CancellationToken cancellationToken)
    {
        foreach (var (action, result, _) in results)
        {
            if (action.Kind == PlanActionKind.Remove)
            {
                if (result.Outcome == ApplyOutcome.Succeeded && action.Desired is null)
                {
                    await store.DeleteWorkspaceStatusAsync(action.Key, cancellationToken);
                }

                continue;
            }

            var failed = result.Outcome == ApplyOutcome.Failed;
            var reason = failed ? (WorkspaceConditions.IsValidReason(result.Reason) ? result.Reason! : "ApplyFailed") : Ready(action.Kind);
            var message = failed ? result.Message ?? reason : action.Reasons.Count == 0 ? "matches the pull request head" : string.Join("; ", action.Reasons);
            var observed = action.Kind == PlanActionKind.NoOp ? action.Observed : null;
            await store.SetWorkspaceStatusAsync(
                new WorkspaceStatusUpdate(
                    action.Key,
                    [
                        new(WorkspaceConditionType.Ready, !failed, reason, message, commit),
                        new(WorkspaceConditionType.Failed, failed, failed ? reason : "Succeeded", failed ? message : "the last action succeeded", commit),
                    ],
                    action.Desired?.Spec.Team,
                    action.Desired?.Spec.Owner,
                    null,
                    observed?.Id,
                    observed?.Ports,
                    failed ? message : null),
                cancellationToken);
        }
    }

    private static string Ready(PlanActionKind kind) => kind switch
    {
        PlanActionKind.Create => "Created",
        PlanActionKind.Recreate => "Recreated",
        PlanActionKind.Start => "Started",
        PlanActionKind.Stop => "Stopped",
        _ => "UpToDate",
    };
}
