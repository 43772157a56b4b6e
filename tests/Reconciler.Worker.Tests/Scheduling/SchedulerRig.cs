using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Scheduling;
using Reconciler.Storage.Sqlite;

namespace Reconciler.Worker.Tests.Scheduling;

/// <summary>
/// The lifecycle scheduler as the worker hosts it — Quartz's AdoJobStore on a SQLite file migrated by Storage.Sqlite,
/// the boundary job enqueueing into a real <see cref="WorkQueue"/> — without the rest of the worker. A second rig on
/// the same file is the worker after a restart.
/// </summary>
internal sealed class SchedulerRig : IAsyncDisposable
{
    private readonly SqliteStateStore _store;
    private readonly ServiceProvider _provider;
    private readonly IScheduler _quartz;

    private SchedulerRig(SqliteStateStore store, ServiceProvider provider, IScheduler quartz)
    {
        _store = store;
        _provider = provider;
        _quartz = quartz;
    }

    public string DatabasePath { get; private init; } = "";

    public IBoundaryScheduler Scheduler => _provider.GetRequiredService<IBoundaryScheduler>();

    public WorkQueue Queue => _provider.GetRequiredService<WorkQueue>();

    public BoundaryFireRecorder Recorder => _provider.GetRequiredService<BoundaryFireRecorder>();

    /// <summary>The Quartz scheduler itself (to store what an earlier version stored).</summary>
    public IScheduler Quartz => _quartz;

    public static async Task<SchedulerRig> StartAsync(string databasePath, TimeSpan fireAhead, TimeSpan groupWindow)
    {
        var store = await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = databasePath }, TimeProvider.System, CancellationToken.None);
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new WorkQueue(TimeProvider.System, new ExponentialBackoff(() => 0.5)));
        services.AddLifecycleScheduling(new LifecycleSchedulingOptions
        {
            SqliteConnectionString = store.ConnectionString,
            FireAhead = fireAhead,
            GroupWindow = groupWindow,
            IdleWaitTime = TimeSpan.FromSeconds(1),
        });
        var provider = services.BuildServiceProvider();
        var quartz = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await quartz.Start();
        return new SchedulerRig(store, provider, quartz) { DatabasePath = databasePath };
    }

    /// <summary>The boundary triggers in the store: name, next fire time, and the data's boundaries.</summary>
    public IReadOnlyList<(string Name, DateTimeOffset NextFire, string Description)> StoredTriggers()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT TRIGGER_NAME, NEXT_FIRE_TIME, DESCRIPTION FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'reconciler-lifecycle' ORDER BY NEXT_FIRE_TIME;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, DateTimeOffset, string)>();
        while (reader.Read())
        {
            if (reader.IsDBNull(1))
            {
                continue; // a one-shot trigger Quartz is completing right now (fired, no next fire time): not upcoming
            }

            rows.Add((reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>The boundary rows in the store (<c>lifecycle_boundaries</c>), by instant.</summary>
    public IReadOnlyList<(string Repository, string Workspace, DateTimeOffset At)> StoredRows()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT repository, workspace, at_ticks FROM lifecycle_boundaries ORDER BY at_ticks, repository, workspace;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, DateTimeOffset)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero)));
        }

        return rows;
    }

    /// <summary>The names of the jobs in the boundary group.</summary>
    public IReadOnlyList<string> StoredJobs()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT JOB_NAME FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'reconciler-lifecycle' ORDER BY JOB_NAME;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>The next key the queue hands out, and when; fails after <paramref name="within"/>.</summary>
    public async Task<(ReconcileKey Key, DateTimeOffset At)> TakeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var key = await Queue.TakeAsync(timeout.Token) ?? throw new InvalidOperationException("the queue shut down");
        var at = DateTimeOffset.UtcNow;
        Queue.Done(key);
        return (key, at);
    }

    public async ValueTask DisposeAsync()
    {
        await _quartz.Shutdown(waitForJobsToComplete: true);
        await _provider.DisposeAsync();
        _store.Dispose();
    }
}
