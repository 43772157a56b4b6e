using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;

namespace Reconciler.Scheduling;

/// <summary>
/// Registers Quartz (persistent AdoJobStore hosted with the application: on SQLite by default, on PostgreSQL clustered
/// when <see cref="LifecycleSchedulingOptions.PostgresConnectionString"/> is set) and the boundary scheduler.
/// </summary>
public static class SchedulingServices
{
    /// <summary>Jobs only enqueue (microseconds), so the pool bounds how many fires one store round trip can acquire.</summary>
    private const int Concurrency = 20;

    public static IServiceCollection AddLifecycleScheduling(this IServiceCollection services, LifecycleSchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GroupWindow, TimeSpan.Zero, nameof(options.GroupWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FireAhead, TimeSpan.Zero, nameof(options.FireAhead));
        if ((options.SqliteConnectionString is null) == (options.PostgresConnectionString is null))
        {
            throw new ArgumentException("LifecycleSchedulingOptions: set exactly one of SqliteConnectionString and PostgresConnectionString.", nameof(options));
        }

        var postgres = options.PostgresConnectionString;
        services.AddSingleton(options);
        services.AddSingleton(p => new BoundaryFireRecorder(options.TimeProvider));
        services.AddSingleton<StoredBoundaries>();
        services.AddSingleton<IBoundaryRows>(_ => postgres is null ? new BoundaryRows(options.SqliteConnectionString!) : new PostgresBoundaryRows(postgres));
        services.AddSingleton(p => new BoundaryTimers(
            p.GetRequiredService<WorkQueue>(), p.GetRequiredService<BoundaryFireRecorder>(), options.TimeProvider, p.GetRequiredService<ILogger<BoundaryTimers>>()));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;

                // Clustered (PostgreSQL): every worker process is one instance of the same scheduler, each with its own id
                // (host, process and a random part, so two schedulers in one process differ too), which the cluster's
                // check-in and fired-trigger rows carry: a peer that stops checking in has its fires recovered by another.
                if (postgres is not null)
                {
                    s.InstanceId = options.InstanceId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
                }
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
                if (postgres is null)
                {
                    store.UseSqlite(SqliteFactory.Instance, options.SqliteConnectionString!);
                    store.UseConnectionProvider(_ => new SqliteDbProvider(options.SqliteConnectionString!));
                }
                else
                {
                    store.UsePostgres(postgres);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        c.CheckinMisfireThreshold = options.ClusterCheckinInterval * 2;
                    });
                }

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
