using Reconciler.Core.Ports;
using Reconciler.Core.State;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Api;

/// <summary>
/// What the API answers, serialised with camelCase names. Free text (last errors, condition messages) passes
/// through <see cref="SecretScrubber"/> once more on the way out: the store scrubbed it when it was written, and
/// the API repeats it so that nothing it serves depends on every writer having done so.
/// </summary>
internal sealed record RepositoryView(
    string Repository,
    string Url,
    string Branch,
    string? LastSeenCommit,
    DateTimeOffset? LastSeenAt,
    string? LastAppliedCommit,
    DateTimeOffset? LastAppliedAt,
    string? LastError)
{
    public static RepositoryView From(TrackedRepository repository, RepositoryState? state) => new(
        repository.Identity,
        repository.Config.Url,
        repository.Branch,
        state?.LastSeenCommit,
        state?.LastSeenAt,
        state?.LastAppliedCommit,
        state?.LastAppliedAt,
        SecretScrubber.ScrubOrNull(state?.LastError));
}

internal sealed record ConditionView(string Type, bool Status, string Reason, string Message, string? ObservedCommit, DateTimeOffset LastTransitionTime);

internal sealed record WorkspaceView(
    string Repository,
    string Workspace,
    string? Team,
    string? Owner,
    string State,
    string? Commit,
    string? RuntimeHost,
    string? ContainerId,
    IReadOnlyList<string> Ports,
    string? LastError,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ConditionView> Conditions,
    WorkspaceGpuView? Gpu = null,
    PowerView? Power = null)
{
    public static WorkspaceView From(WorkspaceStatusRecord workspace, PowerStatus? power, DateTimeOffset now, Gpus.GpuLedger? gpus = null)
        => From(workspace, gpus) with { Power = power is null ? null : PowerView.From(power, now) };

    public static WorkspaceView From(WorkspaceStatusRecord workspace, Gpus.GpuLedger? gpus = null) => new(
        workspace.Key.Repository,
        workspace.Key.Workspace,
        workspace.Team,
        workspace.Owner,
        WorkspaceStates.Of(workspace),
        (workspace.Condition(WorkspaceConditionType.Ready) ?? workspace.Conditions.FirstOrDefault())?.ObservedCommit,
        workspace.RuntimeHost,
        workspace.ContainerId,
        workspace.Ports,
        SecretScrubber.ScrubOrNull(workspace.LastError),
        workspace.UpdatedAt,
        [.. workspace.Conditions.Select(c => new ConditionView(c.Type.ToString(), c.Status, c.Reason, SecretScrubber.Scrub(c.Message), c.ObservedCommit, c.LastTransitionTime))],
        gpus is null ? null : WorkspaceGpuView.For(workspace.Key, gpus));
}

/// <summary>
/// The lifecycle as the last pass decided it: policy, desired state, the next transition and a line for people
/// ("running — stops at 21:00 CST, in 3h 12m", relative to the time of the request).
/// </summary>
internal sealed record PowerView(string Lifecycle, string State, string Reason, string? NextState, DateTimeOffset? NextAt, string TimeZone, string Description, DateTimeOffset DecidedAt)
{
    public static PowerView From(PowerStatus status, DateTimeOffset now) => new(
        status.Lifecycle, status.State, status.Reason, status.NextState, status.NextAt, status.TimeZone, PowerStatusText.Describe(status, now), status.DecidedAt);
}

internal sealed record EventView(long Id, DateTimeOffset Time, string Repository, string? Workspace, string? Commit, string Actor, string Action, string Result, string? Message)
{
    public static EventView From(AuditEvent e) => new(e.Id, e.Time, e.Repository, e.Workspace, e.Commit, e.Actor, e.Action, e.Result, SecretScrubber.ScrubOrNull(e.Message));
}

/// <param name="Next">The <c>since</c> of the next page: the last id returned, or the given id when none was.</param>
internal sealed record EventPage(IReadOnlyList<EventView> Events, long? Next);

internal sealed record SyncAccepted(string Repository, bool Queued);

internal sealed record ApiError(string Error);
