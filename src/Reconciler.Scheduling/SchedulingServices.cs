using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;

namespace Reconciler.Scheduling;

/// <summary>Registers Quartz (persistent AdoJobStore on SQLite, hosted with the application) and the boundary scheduler.</summary>
public static class SchedulingServices
{
    /// <summary>Jobs only enqueue (microseconds), so the pool bounds how many fires one store round trip can acquire.</summary>
    private const int Concurrency = 20;

    public static IServiceCollection AddLifecycleScheduling(this IServiceCollection services, LifecycleSchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupWindow, TimeSpan.Zero, nameof(options.GroupWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FireAhead, TimeSpan.Zero, nameof(options.FireAhead));
        services.AddSingleton(options);
        services.AddSingleton(p => new BoundaryFireRecorder(options.TimeProvider));
        services.AddSingleton<StoredBoundaries>();
        services.AddSingleton(_ => new BoundaryRows(options.SqliteConnectionString));
        services.AddSingleton(p => new BoundaryTimers(
            p.GetRequiredService<WorkQueue>(), p.GetRequiredService<BoundaryFireRecorder>(), options.TimeProvider, p.GetRequiredService<ILogger<BoundaryTimers>>()));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;
                s.IdleWaitTime = options.IdleWaitTime;

                // Many repositories share a boundary (09:00 in one zone): acquire up to Concurrency due within the window in one
                // round trip. Every instant is enqueued at its time (BoundaryTimers), so an early fire never runs a pass early.
                s.MaxBatchSize = Concurrency;
                s.BatchTriggerAcquisitionFireAheadTimeWindow = options.BatchWindow;
            });
            q.UseTimeProvider(options.TimeProvider);
            q.UseDefaultThreadPool(Concurrency);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(SqliteFactory.Instance, options.SqliteConnectionString);
                store.UseConnectionProvider(_ => new SqliteDbProvider(options.SqliteConnectionString));
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(s =>
                {
                    s.MisfireThreshold = options.MisfireThreshold;

                    // Job and trigger data are strings (a window's start and width; an earlier layout's repository and
                    // boundaries): stored readable, no serializer format to version.
                    s.StoreJobDataAsStrings = true;
                });
            });
        });
        services.AddQuartzHostedService(h => h.WaitForJobsToComplete = true);
        services.AddSingleton<IBoundaryScheduler, QuartzBoundaryScheduler>();
        return services;
    }
}
