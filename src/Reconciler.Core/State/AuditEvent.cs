using Reconciler.Core.Desired;

namespace Reconciler.Core.State;

/// <summary>
/// One entry of the append-only audit log: who (commit author from git, or the API caller), did what, to
/// which repository or workspace, with which result. Ids increase in commit order within one store.
/// </summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset Time,
    string Repository,
    string? Workspace,
    string? Commit,
    string Actor,
    string Action,
    string Result,
    string? Message);

/// <summary>An event to append; the store assigns <see cref="AuditEvent.Id"/> and <see cref="AuditEvent.Time"/>.</summary>
/// <param name="Action">A short verb such as <c>create</c>, <c>recreate</c>, <c>stop</c>, <c>policy-check</c>.</param>
/// <param name="Result">A short word such as <c>succeeded</c>, <c>failed</c>, <c>blocked</c>.</param>
public sealed record NewAuditEvent(
    string Repository,
    string? Workspace,
    string? Commit,
    string Actor,
    string Action,
    string Result,
    string? Message = null)
{
    public static NewAuditEvent For(WorkspaceKey key, string? commit, string actor, string action, string result, string? message = null)
        => new(key.Repository, key.Workspace, commit, actor, action, result, message);
}

/// <summary>
/// A page of events in id order: those with an id greater than <see cref="AfterId"/> and a time at or
/// after <see cref="Since"/>, at most <see cref="Limit"/>. The next page starts after the last id returned.
/// <see cref="Team"/> keeps only events of workspaces whose current status names that team (the API's team
/// tokens); repository-level events and events of workspaces no longer known are then left out.
/// </summary>
public sealed record AuditEventQuery(long AfterId = 0, DateTimeOffset? Since = null, int Limit = AuditEventQuery.DefaultLimit, string? Repository = null, string? Team = null)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;
}
