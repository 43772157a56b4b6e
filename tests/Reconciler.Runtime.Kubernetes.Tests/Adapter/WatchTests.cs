using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Runtime.Kubernetes.Observation;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>The workload and Pod watch reports changes as workspace keys and survives a dropped connection.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_are_reported_and_a_dropped_watch_reconnects_without_losing_later_changes()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var seen = new ConcurrentQueue<WorkspaceKey>();
        using var stop = new CancellationTokenSource();
        var watcher = new WorkloadWatcher(cluster.Configuration, TimeProvider.System, NullLogger<WorkloadWatcher>.Instance);
        var running = watcher.RunAsync(seen.Enqueue, stop.Token);
        await Until(() => cluster.Api.OpenWatches == 3);

        var first = StandInCluster.Workspace("watched");
        await cluster.PassAsync([first]);
        await Until(() => seen.Contains(first.Key));

        // A request is logged when it ends: the three dropped watches are logged, the reconnected three are open.
        Assert.Equal(0, WatchRequestsEnded(cluster));
        cluster.Api.DropWatches();
        await Until(() => WatchRequestsEnded(cluster) == 3);
        await Until(() => cluster.Api.OpenWatches == 3);

        var second = StandInCluster.Workspace("after-drop", DeploymentKind.K8sStateful);
        await cluster.PassAsync([first, second]);
        await Until(() => seen.Contains(second.Key));

        // A Pod's status change (here: it turns ready) is reported too, so readiness reaches the status without a poll.
        seen.Clear();
        WorkloadPods.Seed(cluster.Api, first.Key.Workspace, WorkloadPods.ReadyStatus());
        await Until(() => seen.Contains(first.Key));

        await stop.CancelAsync();
        await running;
    }

    private static int WatchRequestsEnded(StandInCluster cluster)
        => cluster.Api.Requests.Count(r => r.Query.Contains("watch=true", StringComparison.Ordinal));

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
