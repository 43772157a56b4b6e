namespace Reconciler.Scheduling;

/// <summary>How the lifecycle scheduler is hosted (docs/lifecycle.md, "Scheduling").</summary>
public sealed class LifecycleSchedulingOptions
{
    /// <summary>Quartz scheduler name; every worker sharing a database must use the same one. Default: <c>reconciler</c>.</summary>
    public string SchedulerName { get; set; } = "reconciler";

    /// <summary>ADO.NET connection string of the SQLite file that holds the QRTZ_ tables (the worker's own database).</summary>
    public required string SqliteConnectionString { get; set; }

    /// <summary>
    /// A trigger later than this is a misfire and fires at once on start (harmless: the pass recomputes from the
    /// calendar). Default: 60 seconds (Quartz's default).
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long Quartz sleeps when nothing is due before asking the store again; a trigger scheduled while it sleeps by
    /// this process wakes it at once. Default: 5 seconds.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Triggers due within this window of the first are acquired and fired together (fewer store round trips when many
    /// boundaries coincide); the instants of an early fire are enqueued at their time (<see cref="BoundaryTimers"/>). Default: 1 second.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A repository's boundaries within one such window (aligned to the epoch) share one Quartz trigger that fires at
    /// the first; the later ones are enqueued in memory at their exact instants. Fewer, larger fires: the store pays
    /// three write transactions per fire whatever the fire wakes. Zero groups only boundaries at the same instant.
    /// Default: 1 minute.
    /// </summary>
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A trigger fires this long before its first boundary and hands the instants to memory, which enqueues the
    /// repository at each exact instant: Quartz's own delay (three store transactions per fire, slower under load or
    /// when many repositories share an instant) is absorbed ahead of time instead of adding to the lateness. A pass
    /// never runs early. Default: 10 seconds.
    /// </summary>
    public TimeSpan FireAhead { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock of the scheduler. Default: system.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
