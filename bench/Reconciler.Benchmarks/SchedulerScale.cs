using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Scheduling;
using Reconciler.Storage.Sqlite;

namespace Reconciler.Benchmarks;

/// <summary>
/// The lifecycle scheduler at scale, exactly as the worker hosts it (Quartz AdoJobStore on a SQLite file migrated by
/// Storage.Sqlite, the scheduler <see cref="SchedulingServices.AddLifecycleScheduling"/> registers, its job enqueueing
/// into a real <see cref="WorkQueue"/>): WORKSPACES workspaces in repositories of PER_REPOSITORY, each with one boundary.
/// Measures (1) registration: one SyncAsync per repository, as the passes do, (2) an unchanged re-derivation (the
/// per-pass cost), (3) managed heap and working-set growth, (4) lateness of the enqueues against the boundary
/// instants, measured when the key enters the queue, with all boundaries spread evenly over SPREAD seconds (0: all at
/// the same instant) starting LEAD seconds after registration ends. Workspace n has the n-th instant; "adjacent" puts
/// a repository's workspaces at consecutive instants, "interleaved" spreads them over the whole SPREAD.
///   dotnet run -c Release --project bench/Reconciler.Benchmarks -- scheduler [WORKSPACES] [SPREAD] [LEAD] [PER_REPOSITORY] [adjacent|interleaved]
/// </summary>
internal static class SchedulerScale
{
    public static async Task<int> RunAsync(int workspaces, double spreadSeconds, double leadSeconds, int perRepository, bool interleaved)
    {
        var folder = Directory.CreateTempSubdirectory("reconciler-scheduler-bench");
        try
        {
            using var store = await SqliteStateStore.OpenAsync(new SqliteStorageOptions { DatabasePath = Path.Combine(folder.FullName, "state.db") }, TimeProvider.System, CancellationToken.None);
            var services = new ServiceCollection();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            services.AddSingleton(new WorkQueue(TimeProvider.System, new ExponentialBackoff(() => 0.5)));
            services.AddLifecycleScheduling(new LifecycleSchedulingOptions { SqliteConnectionString = store.ConnectionString });
            await using var provider = services.BuildServiceProvider();
            var quartz = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await quartz.Start();
            var boundaries = provider.GetRequiredService<IBoundaryScheduler>();
            var recorder = provider.GetRequiredService<BoundaryFireRecorder>();

            var heapBefore = Heap();
            var rssBefore = Rss();
            var repositories = (workspaces + perRepository - 1) / perRepository;
            var estimate = TimeSpan.FromSeconds(Math.Max(10, (workspaces / 500.0) + (repositories / 100.0)));
            var first = DateTimeOffset.UtcNow + estimate + TimeSpan.FromSeconds(leadSeconds);
            var plan = Enumerable.Range(0, repositories).Select(r => Repository(r, repositories, perRepository, interleaved, workspaces, first, spreadSeconds)).ToList();

            // One enqueue per repository and distinct instant: workspaces of a repository that share an instant share it.
            var expected = plan.Sum(p => p.Triggers.Values.Distinct().Count());

            var watch = Stopwatch.StartNew();
            foreach (var (repository, triggers) in plan)
            {
                await boundaries.SyncAsync(repository, triggers, CancellationToken.None);
            }

            var registration = watch.Elapsed;
            // A pass derives only boundaries still ahead (the next transition is always in the future).
            watch.Restart();
            foreach (var (repository, triggers) in plan)
            {
                var now = DateTimeOffset.UtcNow;
                await boundaries.SyncAsync(repository, triggers.Where(t => t.Value > now).ToDictionary(), CancellationToken.None);
            }

            var unchanged = watch.Elapsed;
            var heapAfter = Heap();
            var rssAfter = Rss();
            if (DateTimeOffset.UtcNow >= first)
            {
                Console.WriteLine($"warning: registration outlasted the lead; the first boundaries fire late by construction (first at {first:O})");
            }

            var last = first + TimeSpan.FromSeconds(spreadSeconds);
            while (recorder.Fired < expected && DateTimeOffset.UtcNow < last + TimeSpan.FromSeconds(120))
            {
                await Task.Delay(200);
            }

            var rssEnd = Rss();
            var lateness = recorder.Lateness.Select(l => l.TotalMilliseconds).Order().ToList();
            await quartz.Shutdown(true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                workspaces: {workspaces} in {repositories} repositories ({perRepository} each, {(interleaved ? "interleaved" : "adjacent")}), boundaries spread over {spreadSeconds} s
                registration (first sync of every repository): {registration.TotalSeconds:0.00} s
                re-derivation with nothing changed (every repository once): {unchanged.TotalSeconds:0.00} s
                managed heap growth after registration: {(heapAfter - heapBefore) / 1048576.0:0.0} MiB; working set growth: {(rssAfter - rssBefore) / 1048576.0:0.0} MiB (after every fire: {(rssEnd - rssBefore) / 1048576.0:0.0} MiB)
                enqueued: {recorder.Fired} of {expected} (repository, instant) pairs
                lateness p50 {Percentile(lateness, 0.50):0} ms, p99 {Percentile(lateness, 0.99):0} ms, max {(lateness.Count == 0 ? double.NaN : lateness[^1]):0} ms
                """));
            return recorder.Fired == expected ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (string Repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> Triggers) Repository(
        int index, int repositories, int perRepository, bool interleaved, int workspaces, DateTimeOffset first, double spread)
    {
        var repository = $"bench.example/team-{index / 100}/repo-{index:D5}";
        var triggers = new Dictionary<WorkspaceKey, DateTimeOffset>();
        for (var w = 0; w < perRepository && (index * perRepository) + w < workspaces; w++)
        {
            var n = interleaved ? (w * repositories) + index : (index * perRepository) + w;
            triggers[new WorkspaceKey(repository, $"ws-{w}")] = first + TimeSpan.FromSeconds(spread * n / workspaces);
        }

        return (repository, triggers);
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static long Rss()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
