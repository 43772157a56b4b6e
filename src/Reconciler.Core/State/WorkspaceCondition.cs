namespace Reconciler.Core.State;

/// <summary>The condition types a workspace reports; at most one condition of each type is kept.</summary>
public enum WorkspaceConditionType
{
    Ready,
    Reconciling,
    Stalled,
    PolicyViolated,
    Failed,

    /// <summary>The workspace runs, but an optional integration around it failed (Jumpserver registration, docs/access.md).</summary>
    Degraded,
}

/// <summary>
/// A stored condition with Kubernetes semantics: <see cref="LastTransitionTime"/> is when
/// <see cref="Status"/> last changed, not when the condition was last written.
/// </summary>
/// <param name="Reason">One CamelCase word a program can match on (<c>ImagePullFailed</c>).</param>
/// <param name="Message">Human text, credential-scrubbed.</param>
/// <param name="ObservedCommit">The commit the pass that wrote this condition reconciled.</param>
public sealed record WorkspaceCondition(
    WorkspaceConditionType Type,
    bool Status,
    string Reason,
    string Message,
    string? ObservedCommit,
    DateTimeOffset LastTransitionTime);

/// <summary>A condition as a reconcile pass reports it; the store assigns the transition time.</summary>
public sealed record ConditionUpdate(
    WorkspaceConditionType Type,
    bool Status,
    string Reason,
    string Message,
    string? ObservedCommit = null);
