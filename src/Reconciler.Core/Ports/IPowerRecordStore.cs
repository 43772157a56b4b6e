using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;

namespace Reconciler.Core.Ports;

/// <summary>
/// The worker's memory of lifecycle inputs that are not in git: wake/stop/start requests, the last activity and when
/// an ephemeral workspace expired, plus the last power decision of each workspace for the status API. History and
/// inputs, never the truth about what runs. Every method is one transaction.
/// </summary>
public interface IPowerRecordStore
{
    Task AddOverrideAsync(WorkspaceKey key, PowerOverride request, CancellationToken cancellationToken);

    /// <summary>Keeps the later of the recorded activity and <paramref name="at"/>.</summary>
    Task RecordActivityAsync(WorkspaceKey key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records when an ephemeral workspace's ttl deleted it; the first record wins.</summary>
    Task MarkExpiredAsync(WorkspaceKey key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>What is recorded for the workspaces of one repository (the most recent overrides of each, at most <see cref="PowerRecordLimits.OverridesPerWorkspace"/>).</summary>
    Task<IReadOnlyDictionary<WorkspaceKey, PowerRecord>> ListAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Replaces the repository's power statuses with <paramref name="statuses"/> (workspaces not listed are forgotten).</summary>
    Task SavePowerStatusesAsync(string repository, IReadOnlyList<PowerStatus> statuses, CancellationToken cancellationToken);

    /// <summary>Power statuses of one repository, or of all when null.</summary>
    Task<IReadOnlyDictionary<WorkspaceKey, PowerStatus>> ListPowerStatusesAsync(string? repository, CancellationToken cancellationToken);
}

public static class PowerRecordLimits
{
    /// <summary>Older requests are superseded by newer ones in effect; twenty is plenty to decide and bounds the read.</summary>
    public const int OverridesPerWorkspace = 20;
}

/// <summary>
/// The last power decision of one workspace, as shown by <c>reconciler status</c> and the API:
/// policy, desired state now, the next transition (null when none is foreseen) and a one-line description
/// ("running — stops at 21:00 CST, in 3h 12m" at <see cref="DecidedAt"/>).
/// </summary>
public sealed record PowerStatus(
    WorkspaceKey Key,
    string Lifecycle,
    string State,
    string Reason,
    string? NextState,
    DateTimeOffset? NextAt,
    string TimeZone,
    DateTimeOffset DecidedAt);

public static class PowerStatusText
{
    /// <summary>The status as a decision at <see cref="PowerStatus.DecidedAt"/>, rendered relative to <paramref name="now"/>.</summary>
    public static string Describe(PowerStatus status, DateTimeOffset now)
    {
        var zone = ZoneOf(status);
        var next = status is { NextState: { } state, NextAt: { } at } && at > now && Enum.TryParse<DesiredPower>(state, true, out var power)
            ? new PowerTransition(at, power, "")
            : null;
        var current = Enum.TryParse<DesiredPower>(status.State, true, out var s) ? s : DesiredPower.Running;
        return PowerStateDescription.Describe(new PowerDecision(current, status.Reason, next, zone), now);
    }

    /// <summary>The workspace's lifecycle zone (UTC when unknown).</summary>
    public static TimeZoneInfo ZoneOf(PowerStatus? status)
        => status is not null && LifecycleCalendar.TryFindZone(status.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static PowerStatus From(Desired.DesiredWorkspace workspace, PowerDecision decision, DateTimeOffset now) => new(
        workspace.Key,
        Workspaces.WorkspaceVocabulary.ToYaml(workspace.Spec.Lifecycle.Policy),
        decision.State.ToString().ToLowerInvariant(),
        decision.Reason,
        decision.Next?.State.ToString().ToLowerInvariant(),
        decision.Next?.At,
        decision.TimeZone.Id,
        now);
}
