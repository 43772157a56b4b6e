using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.State;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Reconciling;

/// <summary>
/// Writes what a pass found to the state store, on every path: the repository's last seen and applied commits
/// and last error, per-workspace conditions (Ready / Failed / Stalled) and audit events. The store is history:
/// nothing here decides what runs.
/// </summary>
/// <param name="leaderElection">With leader election every report says which replica wrote it: Reconciling
/// <c>Standby</c> on a follower, <c>Leader</c> (false) on the replica that applies.</param>
internal sealed class PassReporter(IStateStore store, TimeProvider time, bool leaderElection = false)
{
    /// <summary>The actor of changes no commit asked for (drift repair, a failed action retried).</summary>
    public const string WorkerActor = "reconciler";

    /// <summary>Where the pass's long steps (image builds) stream their output: the workspace's event log.</summary>
    public IApplyOutput OutputFor(Pass pass) => new EventLogOutput(store, pass.Commit, pass.Actor);

    public Task<RepositoryState?> PreviousAsync(TrackedRepository repository, CancellationToken cancellationToken)
        => store.GetRepositoryAsync(repository.Identity, cancellationToken);

    public Task RepositoryErrorAsync(TrackedRepository repository, RepositoryState? previous, string error, CancellationToken cancellationToken)
        => store.UpsertRepositoryAsync(Base(repository, previous) with { LastError = error }, cancellationToken);

    /// <summary>Invalid files: nothing changes on the runtime; known workspaces get Stalled, the repository the error.</summary>
    public async Task StalledAsync(Pass pass, string diagnostics, CancellationToken cancellationToken)
    {
        var repository = pass.Repository;
        await store.UpsertRepositoryAsync(
            Base(repository, pass.Previous) with { LastSeenCommit = pass.Commit, LastSeenAt = time.GetUtcNow(), LastError = "Stalled: invalid workspace files\n" + diagnostics },
            cancellationToken);
        var stalled = new ConditionUpdate(WorkspaceConditionType.Stalled, true, "InvalidWorkspaceFile", diagnostics, pass.Commit);
        foreach (var known in await store.ListWorkspaceStatusesAsync(new WorkspaceStatusQuery(Repository: repository.Identity), cancellationToken))
        {
            await store.SetConditionsAsync(known.Key, [stalled], cancellationToken);
        }

        if (pass.IsNewCommit)
        {
            await store.AppendEventAsync(
                new NewAuditEvent(repository.Identity, null, pass.Commit, pass.Content.Author, "validate", "stalled", diagnostics), cancellationToken);
        }
    }

    /// <summary>
    /// Audit and warn violations change nothing on the runtime; they are recorded once per commit in the event log
    /// (action <c>policy</c>, result <c>audit</c> or <c>warn</c>). Enforced ones appear as <c>plan</c>/<c>blocked</c>.
    /// </summary>
    public async Task PolicyFindingsAsync(Pass pass, IReadOnlyList<Core.Policies.PolicyViolation> violations, CancellationToken cancellationToken)
    {
        if (!pass.IsNewCommit)
        {
            return;
        }

        foreach (var violation in violations.Where(v => !v.Blocks))
        {
            await store.AppendEventAsync(
                NewAuditEvent.For(
                    new Core.Desired.WorkspaceKey(pass.Repository.Identity, violation.Workspace),
                    pass.Commit,
                    pass.Content.Author,
                    "policy",
                    violation.Policy.Enforcement.ToString().ToLowerInvariant(),
                    $"{violation.Policy.Name}: {violation.Message} ({violation.Location})"),
                cancellationToken);
        }
    }

    /// <param name="settled">Where running workspaces stand on runtimes that bring them up after the apply (Kubernetes
    /// Pods): a Pod that is not ready makes Ready false with its reason; a failed lifecycle command makes Failed true.</param>
    public async Task ConvergedAsync(
        Pass pass,
        Plan plan,
        IReadOnlyList<ActionResult> results,
        Func<PlanAction, string> hostOf,
        IReadOnlyDictionary<Core.Desired.WorkspaceKey, WorkspaceSettlement> settled,
        CancellationToken cancellationToken)
    {
        var byAction = results.ToDictionary(r => r.Action, new ActionIdentity());
        foreach (var action in plan.Actions)
        {
            var result = byAction.GetValueOrDefault(action) is ActionResult r ? r.Result : null;
            await ReportAsync(pass, action, result, hostOf(action), settled.GetValueOrDefault(action.Key), cancellationToken);
        }

        var failed = results.Where(r => r.Result.Outcome == ApplyOutcome.Failed).ToList();
        var now = time.GetUtcNow();
        var state = Base(pass.Repository, pass.Previous) with
        {
            LastSeenCommit = pass.Commit,
            LastSeenAt = now,
            LastError = failed.Count == 0 ? null : string.Join("\n", failed.Select(f => $"{f.Action.Key.Workspace}: {f.Result.Reason}: {f.Result.Message}")),
        };
        if (failed.Count == 0)
        {
            state = state with { LastAppliedCommit = pass.Commit, LastAppliedAt = now };
        }

        await store.UpsertRepositoryAsync(state, cancellationToken);
    }

    private async Task ReportAsync(Pass pass, PlanAction action, ApplyResult? result, string host, WorkspaceSettlement? settlement, CancellationToken cancellationToken)
    {
        var key = action.Key;
        var commit = pass.Commit;
        if (action.IsMutating)
        {
            var outcome = result?.Outcome == ApplyOutcome.Succeeded ? "succeeded" : "failed";
            var message = result?.Outcome == ApplyOutcome.Succeeded ? string.Join("; ", action.Reasons) : $"{result?.Reason}: {result?.Message}";
            await store.AppendEventAsync(NewAuditEvent.For(key, commit, pass.Actor, action.Kind.ToString().ToLowerInvariant(), outcome, message), cancellationToken);
        }

        if (action.Kind == PlanActionKind.Remove && result?.Outcome == ApplyOutcome.Succeeded)
        {
            // A duplicate removed beside a desired workspace keeps that workspace's status.
            if (action.Desired is null)
            {
                await store.DeleteWorkspaceStatusAsync(key, cancellationToken);
            }

            return;
        }

        IReadOnlyList<ConditionUpdate> conditions = action.Kind switch
        {
            PlanActionKind.Blocked => Blocked(action, commit),
            PlanActionKind.Pending => Pending(action, commit),
            _ when result is { Outcome: ApplyOutcome.Failed } => Failed(result, commit),
            _ when settlement is { Lifecycle: { } lifecycle } => Failed(lifecycle, commit),
            _ when settlement is { Ready: false } => NotReady(action, settlement, commit),
            _ => Ready(action, commit),
        };
        if ((action.Kind is PlanActionKind.Blocked or PlanActionKind.Pending) && pass.IsNewCommit)
        {
            var outcome = action.Kind == PlanActionKind.Blocked ? "blocked" : "pending";
            await store.AppendEventAsync(NewAuditEvent.For(key, commit, pass.Content.Author, "plan", outcome, string.Join("; ", action.Reasons)), cancellationToken);
        }

        if (leaderElection)
        {
            conditions = [.. conditions, new(WorkspaceConditionType.Reconciling, false, "Leader", "this replica holds the Lease and applies", commit)];
        }

        var observed = action.Kind == PlanActionKind.NoOp ? action.Observed : null;
        await store.SetWorkspaceStatusAsync(
            new WorkspaceStatusUpdate(
                key,
                conditions,
                action.Desired?.Spec.Team,
                action.Desired?.Spec.Owner,
                host,
                observed?.Id,
                observed?.Ports,
                conditions.FirstOrDefault(c => c is { Type: WorkspaceConditionType.Failed, Status: true })?.Message),
            cancellationToken);
    }

    /// <summary>
    /// A follower's pass: nothing was applied. Every workspace says the replica stands by (Reconciling, reason
    /// <c>Standby</c>) and whether the leader still has a change to make (Ready false, reason <c>Standby</c>).
    /// </summary>
    public async Task StandbyAsync(Pass pass, Plan plan, string identity, Func<PlanAction, string> hostOf, CancellationToken cancellationToken)
    {
        foreach (var action in plan.Actions)
        {
            var change = action.IsMutating ? $"the leader applies {action.Kind}: {string.Join("; ", action.Reasons)}" : "nothing to change";
            var standby = new ConditionUpdate(WorkspaceConditionType.Reconciling, true, "Standby", $"replica {identity} does not hold the Lease; {change}", pass.Commit);
            IReadOnlyList<ConditionUpdate> conditions = action.IsMutating
                ? [standby, new(WorkspaceConditionType.Ready, false, "Standby", change, pass.Commit)]
                : [standby];
            await store.SetWorkspaceStatusAsync(
                new WorkspaceStatusUpdate(action.Key, conditions, action.Desired?.Spec.Team, action.Desired?.Spec.Owner, hostOf(action), action.Observed?.Id, action.Observed?.Ports),
                cancellationToken);
        }

        await store.UpsertRepositoryAsync(Base(pass.Repository, pass.Previous) with { LastSeenCommit = pass.Commit, LastSeenAt = time.GetUtcNow() }, cancellationToken);
    }

    private static ConditionUpdate[] Ready(PlanAction action, string commit)
    {
        var reason = action.Kind switch
        {
            PlanActionKind.Create => "Created",
            PlanActionKind.Recreate => "Recreated",
            PlanActionKind.Start => "Started",
            PlanActionKind.Stop => "Stopped",
            _ => "UpToDate",
        };
        var message = action.Reasons.Count == 0 ? "matches the commit" : string.Join("; ", action.Reasons);
        return
        [
            new(WorkspaceConditionType.Ready, true, reason, message, commit),
            new(WorkspaceConditionType.Failed, false, "Succeeded", "the last action succeeded", commit),
            new(WorkspaceConditionType.Stalled, false, "Valid", "the workspace files are valid", commit),
            Compliant(commit),
        ];
    }

    /// <summary>Applied, but the runtime has not brought it up yet (no Pod, image pull failing, no node with free GPUs).</summary>
    private static ConditionUpdate[] NotReady(PlanAction action, WorkspaceSettlement settlement, string commit)
    {
        var conditions = Ready(action, commit);
        var reason = WorkspaceConditions.IsValidReason(settlement.Reason) ? settlement.Reason : "NotReady";
        conditions[0] = new(WorkspaceConditionType.Ready, false, reason, settlement.Message ?? reason, commit);
        return conditions;
    }

    private static ConditionUpdate Compliant(string commit)
        => new(WorkspaceConditionType.PolicyViolated, false, "Compliant", "no enforced policy is violated", commit);

    private static ConditionUpdate[] Failed(ApplyResult result, string commit)
    {
        var reason = WorkspaceConditions.IsValidReason(result.Reason) ? result.Reason! : "ApplyFailed";
        var message = result.Message ?? reason;
        if (!string.IsNullOrWhiteSpace(result.OutputTail))
        {
            message += "\n" + result.OutputTail;
        }

        return
        [
            new(WorkspaceConditionType.Ready, false, reason, message, commit),
            new(WorkspaceConditionType.Failed, true, reason, message, commit),
            new(WorkspaceConditionType.Stalled, false, "Valid", "the workspace files are valid", commit),
            Compliant(commit),
        ];
    }

    /// <summary>Waiting for GPUs: not ready, not stalled (nothing for the user to fix; a later pass places it).</summary>
    private static ConditionUpdate[] Pending(PlanAction action, string commit)
    {
        var message = string.Join("; ", action.Reasons);
        return
        [
            new(WorkspaceConditionType.Ready, false, "GpuPending", message, commit),
            new(WorkspaceConditionType.Failed, false, "Pending", "nothing was attempted", commit),
            new(WorkspaceConditionType.Stalled, false, "Valid", "the workspace files are valid", commit),
            Compliant(commit),
        ];
    }

    /// <summary>
    /// An enforced policy violation sets PolicyViolated (the messages) and leaves Ready as the runtime has it: the
    /// existing container keeps running unchanged. An unsupported capability is Stalled.
    /// </summary>
    private static ConditionUpdate[] Blocked(PlanAction action, string commit)
    {
        var message = string.Join("; ", action.Reasons);
        if (action.Desired is { PolicyViolations.Count: > 0 } desired)
        {
            var violations = string.Join("; ", desired.PolicyViolations);
            return desired.Unsupported.Count > 0
                ? [new(WorkspaceConditionType.PolicyViolated, true, "PolicyViolated", violations, commit), new(WorkspaceConditionType.Stalled, true, "NotSupported", message, commit)]
                : [
                    new(WorkspaceConditionType.PolicyViolated, true, "PolicyViolated", violations, commit),
                    new(WorkspaceConditionType.Ready, action.Observed is { State: ObservedState.Running }, "PolicyViolated", message, commit),
                    new(WorkspaceConditionType.Stalled, false, "Valid", "the workspace files are valid", commit),
                ];
        }

        return
        [
            new(WorkspaceConditionType.Ready, false, "NotSupported", message, commit),
            new(WorkspaceConditionType.Stalled, true, "NotSupported", message, commit),
        ];
    }

    private sealed class ActionIdentity : IEqualityComparer<PlanAction>
    {
        public bool Equals(PlanAction? x, PlanAction? y) => ReferenceEquals(x, y);

        public int GetHashCode(PlanAction obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }

    private static RepositoryState Base(TrackedRepository repository, RepositoryState? previous)
        => previous is null
            ? new RepositoryState(repository.Identity, repository.Config.Url)
            : previous with { Url = repository.Config.Url };
}
