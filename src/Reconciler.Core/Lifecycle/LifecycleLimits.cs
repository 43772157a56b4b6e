namespace Reconciler.Core.Lifecycle;

/// <summary>Defaults and bounds of the lifecycle keys; the validator and docs/lifecycle.md quote these.</summary>
public static class LifecycleLimits
{
    /// <summary>Idle timeout of an <c>on_demand</c> workspace that sets none.</summary>
    public static readonly TimeSpan OnDemandIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Below a minute, activity sampling cannot tell an idle workspace from a busy one.</summary>
    public static readonly TimeSpan MinIdleTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Longer than a month idle is not "idle", it is abandoned; use another policy.</summary>
    public static readonly TimeSpan MaxIdleTimeout = TimeSpan.FromDays(30);

    public static readonly TimeSpan MinTtl = TimeSpan.FromMinutes(1);

    /// <summary>A workspace that lives longer than a year is not ephemeral.</summary>
    public static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    /// <summary>
    /// How far back the calendar looks for the most recent start and stop. A schedule must fire at least once in
    /// this window to count; 400 days covers weekly, monthly and yearly schedules (a leap year plus slack).
    /// </summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(400);

    /// <summary>How far ahead <see cref="PowerStateCalculator.NextTransition"/> searches for a change.</summary>
    public static readonly TimeSpan LookAhead = TimeSpan.FromDays(400);
}
