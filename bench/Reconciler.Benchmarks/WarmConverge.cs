using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker;
using Reconciler.Source.FileSystem;

namespace Reconciler.Benchmarks;

/// <summary>
/// Benchmark (a), warm side: what a running worker spends converging one new workspace — load and validate
/// the files, observe (one list call), plan, apply — in a process that has already converged once, which is
/// the state the worker is in all day. Each run is followed by an untimed removal (volumes too).
/// Prints one wall time in milliseconds per run.
/// </summary>
internal static class WarmConverge
{
    public static async Task<int> RunAsync(string repository, int runs)
    {
        using var runtime = new DockerWorkspaceRuntime("unix:///var/run/docker.sock", new DockerRuntimeOptions(), Environment.GetEnvironmentVariable("RECONCILER_BENCH_TRACE") == "1" ? new TraceLogger<DockerWorkspaceRuntime>() : NullLogger<DockerWorkspaceRuntime>.Instance);
        var content = new LocalCheckoutContent(repository);
        for (var i = -1; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var loaded = WorkspaceLoader.Load(content, new LoaderOptions());
            if (loaded.HasErrors)
            {
                await Console.Error.WriteLineAsync(string.Join('\n', loaded.Diagnostics));
                return 2;
            }

            var plan = Planner.Plan(loaded.Workspaces, await runtime.ObserveAsync(loaded.Repository, CancellationToken.None));
            var results = await PlanExecutor.ExecuteAsync(plan, runtime, new ApplyContext(content, false), TimeProvider.System, null, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (results.Any(r => r.Result.Outcome != ApplyOutcome.Succeeded) || plan.Count(PlanActionKind.Create) != 1)
            {
                await Console.Error.WriteLineAsync("converge did not create exactly one workspace: " + string.Join("; ", results.Select(r => r.Result.Message)));
                return 1;
            }

            var down = Planner.Plan([], await runtime.ObserveAsync(loaded.Repository, CancellationToken.None), pruneVolumes: true);
            await PlanExecutor.ExecuteAsync(down, runtime, new ApplyContext(content, true), TimeProvider.System, null, CancellationToken.None);
            if (i >= 0)
            {
                Console.WriteLine(elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
            }
        }

        return 0;
    }

    /// <summary>
    /// Benchmark (issue 9), warm no-op side: the workspace is converged once (untimed: builds, Features and all), then
    /// each timed run is one whole pass a running worker makes over an unchanged repository — load and validate, observe
    /// (one list call), plan, execute — which must plan nothing and make zero mutating engine calls. Removed afterwards.
    /// </summary>
    public static async Task<int> RunNoOpAsync(string repository, int runs)
    {
        using var runtime = new DockerWorkspaceRuntime("unix:///var/run/docker.sock", new DockerRuntimeOptions(), NullLogger<DockerWorkspaceRuntime>.Instance);
        var content = new LocalCheckoutContent(repository);
        try
        {
            for (var i = -1; i < runs; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var mutatingBefore = runtime.MutatingCalls;
                var loaded = WorkspaceLoader.Load(content, new LoaderOptions());
                if (loaded.HasErrors)
                {
                    await Console.Error.WriteLineAsync(string.Join('\n', loaded.Diagnostics));
                    return 2;
                }

                var plan = Planner.Plan(loaded.Workspaces, await runtime.ObserveAsync(loaded.Repository, CancellationToken.None));
                var results = await PlanExecutor.ExecuteAsync(plan, runtime, new ApplyContext(content, false), TimeProvider.System, null, CancellationToken.None);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (results.Any(r => r.Result.Outcome != ApplyOutcome.Succeeded))
                {
                    await Console.Error.WriteLineAsync("converge failed: " + string.Join("; ", results.Select(r => r.Result.Message)));
                    return 1;
                }

                if (i >= 0)
                {
                    if (plan.Count(PlanActionKind.Create) + plan.Count(PlanActionKind.Recreate) + plan.Count(PlanActionKind.Start) + plan.Count(PlanActionKind.Remove) > 0 || runtime.MutatingCalls != mutatingBefore)
                    {
                        await Console.Error.WriteLineAsync($"a pass over an unchanged repository was not a no-op: {runtime.MutatingCalls - mutatingBefore} mutating calls");
                        return 1;
                    }

                    Console.WriteLine(elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
                }
            }
        }
        finally
        {
            var loaded = WorkspaceLoader.Load(content, new LoaderOptions());
            var down = Planner.Plan([], await runtime.ObserveAsync(loaded.Repository, CancellationToken.None), pruneVolumes: true);
            await PlanExecutor.ExecuteAsync(down, runtime, new ApplyContext(content, true), TimeProvider.System, null, CancellationToken.None);
        }

        return 0;
    }
}

/// <summary>Prints each log event with the milliseconds since the previous one (RECONCILER_BENCH_TRACE=1).</summary>
internal sealed class TraceLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    private long _last = Stopwatch.GetTimestamp();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var now = Stopwatch.GetTimestamp();
        Console.Error.WriteLine($"  +{Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds,6:0.0} ms {formatter(state, exception)}");
        _last = now;
    }
}
