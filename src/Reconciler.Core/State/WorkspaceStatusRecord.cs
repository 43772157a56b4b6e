using Reconciler.Core.Desired;

namespace Reconciler.Core.State;

/// <summary>
/// The last status a reconcile pass reported for one workspace. Host, container id and ports are a cache
/// of the last observation for the status API; the runtime stays the truth about what runs.
/// </summary>
public sealed record WorkspaceStatusRecord(
    WorkspaceKey Key,
    string? Team,
    string? Owner,
    IReadOnlyList<WorkspaceCondition> Conditions,
    string? RuntimeHost,
    string? ContainerId,
    IReadOnlyList<string> Ports,
    string? LastError,
    DateTimeOffset UpdatedAt)
{
    public WorkspaceCondition? Condition(WorkspaceConditionType type) => Conditions.FirstOrDefault(c => c.Type == type);
}

/// <summary>
/// What one pass reports. The descriptive fields replace the stored ones (level-triggered: every pass
/// recomputes them); <see cref="Conditions"/> are merged by type (<see cref="WorkspaceConditions.Merge"/>).
/// </summary>
public sealed record WorkspaceStatusUpdate(
    WorkspaceKey Key,
    IReadOnlyList<ConditionUpdate> Conditions,
    string? Team = null,
    string? Owner = null,
    string? RuntimeHost = null,
    string? ContainerId = null,
    IReadOnlyList<string>? Ports = null,
    string? LastError = null);

/// <summary>Filters for listing statuses; null means any.</summary>
public sealed record WorkspaceStatusQuery(string? Team = null, string? Repository = null)
{
    public static WorkspaceStatusQuery All { get; } = new();
}
