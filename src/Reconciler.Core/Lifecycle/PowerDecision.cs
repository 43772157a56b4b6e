namespace Reconciler.Core.Lifecycle;

/// <summary>
/// The desired power state at one instant, why, and when it next changes if nothing else happens (no new
/// activity, no new override). <see cref="TimeZone"/> is the workspace's lifecycle zone, for display.
/// </summary>
public sealed record PowerDecision(
    DesiredPower State,
    string Reason,
    PowerTransition? Next,
    TimeZoneInfo TimeZone,
    bool DeleteVolumes = false);

/// <summary>The next instant the desired state changes, and what it changes to.</summary>
public sealed record PowerTransition(DateTimeOffset At, DesiredPower State, string Reason);
