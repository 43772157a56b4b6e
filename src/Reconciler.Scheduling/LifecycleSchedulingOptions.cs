namespace Reconciler.Scheduling;

/// <summary>How the lifecycle scheduler is hosted (docs/lifecycle.md, "Scheduling").</summary>
public sealed class LifecycleSchedulingOptions
{
    /// <summary>Quartz scheduler name; every worker sharing a database must use the same one. Default: <c>reconciler</c>.</summary>
    public string SchedulerName { get; set; } = "reconciler";

    /// <summary>ADO.NET connection string of the SQLite file that holds the QRTZ_ tables (the worker's own database).</summary>
    public string? SqliteConnectionString { get; set; }

    /// <summary>
    /// Npgsql connection string of the PostgreSQL database that holds the QRTZ_ tables and <c>lifecycle_boundaries</c>
    /// (Storage.Postgres migrations) instead: Quartz then runs clustered, each process with its own instance id, so
    /// several workers share the triggers and each window fires in exactly one of them. Set this or
    /// <see cref="SqliteConnectionString"/>, not both.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>This process's id in the cluster (PostgreSQL only); unique per instance. Default: host name, process id and a random part.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How often a clustered scheduler checks in; a peer silent for longer (plus a margin) has its fires recovered. Default: 7.5 seconds (Quartz's default).</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

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
    /// Width of the time windows (aligned to the epoch) that share one Quartz trigger across every repository with a
    /// boundary in them: the trigger fires <see cref="FireAhead"/> before the window starts and its job enqueues each
    /// repository of the window's <c>lifecycle_boundaries</c> rows at its exact instant. Zero makes a window of each
    /// instant. Default: 1 minute.
    /// </summary>
    public TimeSpan GroupWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A window's trigger fires this long before the window starts and hands its instants to memory, which enqueues
    /// each repository at its exact instant: Quartz's own delay (three store transactions per fire, slower under load)
    /// is absorbed ahead of time instead of adding to the lateness. A pass never runs early. Default: 10 seconds.
    /// </summary>
    public TimeSpan FireAhead { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock of the scheduler. Default: system.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
