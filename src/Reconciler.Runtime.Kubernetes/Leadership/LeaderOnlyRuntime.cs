using Reconciler.Core.Planning;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Kubernetes.Leadership;

/// <summary>
/// A runtime that applies only while <see cref="LeaderGate.IsLeader"/>: followers observe (and can plan, serve webhooks,
/// enqueue) but every mutating action fails with reason <c>NotLeader</c> and changes nothing.
/// </summary>
public sealed class LeaderOnlyRuntime(IWorkspaceRuntime inner, LeaderGate gate) : IWorkspaceRuntime
{
    public Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync(string? repository, CancellationToken cancellationToken)
        => inner.ObserveAsync(repository, cancellationToken);

    public Task<ApplyResult> ApplyAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.IsMutating && !gate.IsLeader
            ? Task.FromResult(ApplyResult.Fail("NotLeader", $"{gate.Identity} does not hold the lease; the leader applies {action.Kind} of {action.Key}"))
            : inner.ApplyAsync(action, context, cancellationToken);
    }
}
