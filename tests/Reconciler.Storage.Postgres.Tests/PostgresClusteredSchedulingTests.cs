using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Scheduling;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Postgres.Tests;

/// <summary>
/// Real Quartz clustered on the real PostgreSQL server: two scheduler instances (two workers) share one database —
/// its QRTZ_ tables and lifecycle_boundaries — and every boundary instant is enqueued exactly once across them, by
/// whichever instance acquired the window's trigger; a window stored by one instance fires in the other when the
/// first has stopped.
/// </summary>
public sealed class PostgresClusteredSchedulingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FireAhead = TimeSpan.FromSeconds(2);

    // Far enough ahead that each window's trigger is stored (not handed over) and fires after the sync, under load too.
    private static readonly TimeSpan Lead = FireAhead + TimeSpan.FromSeconds(14);

    [Fact]
    public async Task Two_instances_on_one_database_enqueue_each_boundary_exactly_once_between_them()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await using var one = await Instance.StartAsync(store.ConnectionString);
        await using var two = await Instance.StartAsync(store.ConnectionString);
        var first = NextWindow();
        var expected = new Dictionary<string, DateTimeOffset>();
        for (var w = 0; w < 4; w++)
        {
            foreach (var r in new[] { "a", "b" })
            {
                var repository = $"git.example/{r}{w}";
                var at = first + (Window * w) + TimeSpan.FromMilliseconds(r == "a" ? 500 : 2500);
                expected[repository] = at;
                await (w % 2 == 0 ? one : two).Scheduler.SyncAsync(repository, new Dictionary<WorkspaceKey, DateTimeOffset> { [new(repository, "web")] = at }, CancellationToken.None);
            }
        }

        var until = expected.Values.Max() + TimeSpan.FromSeconds(10);
        var taken = await Task.WhenAll(one.DrainUntilAsync(until), two.DrainUntilAsync(until));

        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), all.Select(t => t.Repository).Order(StringComparer.Ordinal));
        foreach (var (repository, enqueuedAt) in all)
        {
            Assert.InRange(enqueuedAt, expected[repository] - TimeSpan.FromMilliseconds(20), expected[repository] + TimeSpan.FromSeconds(3));
        }

        Assert.Equal(2L, db.Scalar<long>("SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state WHERE sched_name = 'reconciler';"));
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'reconciler-lifecycle';"));
    }

    [Fact]
    public async Task A_window_stored_by_a_stopped_instance_fires_in_the_other()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await using var survivor = await Instance.StartAsync(store.ConnectionString);
        var at = NextWindow() + TimeSpan.FromSeconds(1);
        await using (var stopped = await Instance.StartAsync(store.ConnectionString))
        {
            await stopped.Scheduler.SyncAsync("git.example/only", new Dictionary<WorkspaceKey, DateTimeOffset> { [new("git.example/only", "web")] = at }, CancellationToken.None);
            Assert.Equal(1L, db.Scalar<long>("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'reconciler-lifecycle';"));
        }

        var taken = await survivor.DrainUntilAsync(at + TimeSpan.FromSeconds(10));

        var (repository, enqueuedAt) = Assert.Single(taken);
        Assert.Equal("git.example/only", repository);
        Assert.InRange(enqueuedAt, at - TimeSpan.FromMilliseconds(20), at + TimeSpan.FromSeconds(3));
    }

    /// <summary>The start of the first window at least <see cref="Lead"/> ahead.</summary>
    private static DateTimeOffset NextWindow()
    {
        var earliest = (DateTimeOffset.UtcNow + Lead).UtcTicks;
        return new DateTimeOffset((earliest + Window.Ticks - 1) / Window.Ticks * Window.Ticks, TimeSpan.Zero);
    }

    /// <summary>One worker's scheduler: Quartz clustered on the database, enqueueing into its own work queue.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly ServiceProvider provider;
        private readonly IScheduler quartz;

        private Instance(ServiceProvider provider, IScheduler quartz)
        {
            this.provider = provider;
            this.quartz = quartz;
        }

        public IBoundaryScheduler Scheduler => provider.GetRequiredService<IBoundaryScheduler>();

        public static async Task<Instance> StartAsync(string connectionString)
        {
            var services = new ServiceCollection();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            services.AddSingleton(new WorkQueue(TimeProvider.System, new ExponentialBackoff(() => 0.5)));
            services.AddLifecycleScheduling(new LifecycleSchedulingOptions
            {
                PostgresConnectionString = connectionString,
                FireAhead = FireAhead,
                GroupWindow = Window,
                IdleWaitTime = TimeSpan.FromSeconds(1),
                ClusterCheckinInterval = TimeSpan.FromSeconds(1),
            });
            var provider = services.BuildServiceProvider();
            var quartz = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await quartz.Start();
            return new Instance(provider, quartz);
        }

        /// <summary>Every key this instance's queue hands out until <paramref name="until"/>, with when.</summary>
        public async Task<List<(string Repository, DateTimeOffset At)>> DrainUntilAsync(DateTimeOffset until)
        {
            var queue = provider.GetRequiredService<WorkQueue>();
            var taken = new List<(string, DateTimeOffset)>();
            using var deadline = new CancellationTokenSource(until - DateTimeOffset.UtcNow);
            try
            {
                while (await queue.TakeAsync(deadline.Token) is { } key)
                {
                    taken.Add((key.Repository, DateTimeOffset.UtcNow));
                    queue.Done(key);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
            }

            return taken;
        }

        public async ValueTask DisposeAsync()
        {
            await quartz.Shutdown(waitForJobsToComplete: true);
            await provider.DisposeAsync();
        }
    }
}
