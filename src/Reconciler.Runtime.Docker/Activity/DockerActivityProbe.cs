using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Activity;

/// <summary>
/// Activity of running workspace containers, as docs/lifecycle.md lists it: an open exec session (container inspect
/// <c>ExecIDs</c>: <c>docker exec</c>, an IDE's or SSH's server process started by exec) or CPU use above
/// <see cref="DockerRuntimeOptions.ActiveCpuCores"/> over the engine's stats sample (<c>docker stats --no-stream</c>:
/// two readings about a second apart). Containers are probed in parallel; one that fails counts as idle this pass.
/// </summary>
internal sealed class DockerActivityProbe(IDockerClient client, DockerRuntimeOptions options, ILogger logger) : IActivityProbe
{
    public async Task<IReadOnlyDictionary<string, string>> ProbeAsync(IReadOnlyList<WorkspaceObservation> running, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(running.Select(async o => (o.Id, Why: await ProbeOneAsync(o.Id, cancellationToken))));
        return answers.Where(a => a.Why is not null).ToDictionary(a => a.Id, a => a.Why!, StringComparer.Ordinal);
    }

    private async Task<string?> ProbeOneAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await client.Containers.InspectContainerAsync(id, cancellationToken);
            if (inspect.ExecIDs is { Count: > 0 } execs)
            {
                return $"{execs.Count} exec session(s) open";
            }

            ContainerStatsResponse? sample = null;
            await client.Containers.GetContainerStatsAsync(
                id, new ContainerStatsParameters { Stream = false }, new Progress(s => sample = s), cancellationToken);
            var cores = sample is null ? 0 : CpuCores(sample);
            return cores > options.ActiveCpuCores ? $"CPU {cores.ToString("0.00", CultureInfo.InvariantCulture)} cores" : null;
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            Log.ActivityProbeFailed(logger, id, e.Message);
            return null;
        }
    }

    /// <summary>Cores used between the sample's two readings: container CPU time delta over system CPU time delta, times online CPUs.</summary>
    internal static double CpuCores(ContainerStatsResponse stats)
    {
        if (stats.CPUStats?.CPUUsage is not { } now || stats.PreCPUStats?.CPUUsage is not { } before)
        {
            return 0;
        }

        var container = (double)now.TotalUsage - before.TotalUsage;
        var system = (double)stats.CPUStats.SystemUsage - stats.PreCPUStats.SystemUsage;
        if (container <= 0 || system <= 0 || stats.PreCPUStats.SystemUsage == 0)
        {
            return 0;
        }

        var cpus = stats.CPUStats.OnlineCPUs > 0 ? stats.CPUStats.OnlineCPUs : (uint)Math.Max(1, now.PercpuUsage?.Count ?? 1);
        return container / system * cpus;
    }

    /// <summary>Synchronous progress: the sample is set before the call returns (no thread-pool hop as with Progress&lt;T&gt;).</summary>
    private sealed class Progress(Action<ContainerStatsResponse> report) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => report(value);
    }
}
