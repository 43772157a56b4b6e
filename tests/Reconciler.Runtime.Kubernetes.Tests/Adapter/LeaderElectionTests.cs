using System.Diagnostics;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Kubernetes.Leadership;
using Reconciler.Runtime.Kubernetes.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>Two worker instances elect one leader on the stand-in's Lease; only the leader applies.</summary>
public sealed class LeaderElectionTests
{
    private static readonly LeaseTimings Timings = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Only_the_leader_applies()
    {
        await using var cluster = await StandInCluster.StartAsync();
        using var directory = new TempDirectory();
        await using var a = Instance.Start(cluster, directory, "a");
        await using var b = Instance.Start(cluster, directory, "b");
        await Until(() => a.Gate.IsLeader || b.Gate.IsLeader, TimeSpan.FromSeconds(5));
        await Task.Delay(Timings.LeaseDuration);
        Assert.True(a.Gate.IsLeader ^ b.Gate.IsLeader);
        var (leader, follower) = a.Gate.IsLeader ? (a, b) : (b, a);

        var desired = StandInCluster.Workspace("elected");
        var create = new PlanAction(PlanActionKind.Create, desired.Key, desired, null, ["new workspace"]);
        var context = new ApplyContext(null!, false);
        var refused = await follower.Runtime.ApplyAsync(create, context, CancellationToken.None);
        var writesBefore = cluster.Api.Requests.Count(r => r.IsWrite && !r.Path.Contains("/leases", StringComparison.Ordinal));
        var applied = await leader.Runtime.ApplyAsync(create, context, CancellationToken.None);

        Assert.Equal("NotLeader", refused.Reason);
        Assert.Equal(0, writesBefore);
        Assert.Equal(ApplyOutcome.Succeeded, applied.Outcome);
        Assert.Equal(leader.Name, cluster.Api.Get("/apis/coordination.k8s.io/v1/namespaces/reconciler-system/leases/reconciler")!["spec"]!["holderIdentity"]!.GetValue<string>());
    }

    [Fact]
    public async Task Killing_the_leader_hands_over_within_the_lease_duration()
    {
        await using var cluster = await StandInCluster.StartAsync();
        using var directory = new TempDirectory();
        await using var a = Instance.Start(cluster, directory, "a");
        await Until(() => a.Gate.IsLeader, TimeSpan.FromSeconds(5));
        await using var b = Instance.Start(cluster, directory, "b");
        await Task.Delay(Timings.RetryPeriod * 3);
        Assert.False(b.Gate.IsLeader);

        var killed = Stopwatch.StartNew();
        await a.KillAsync();
        await Until(() => b.Gate.IsLeader, Timings.LeaseDuration + Timings.RetryPeriod * 3);

        Assert.True(killed.Elapsed <= Timings.LeaseDuration + Timings.RetryPeriod * 3, $"handover took {killed.Elapsed}");
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_applying_before_another_starts()
    {
        await using var cluster = await StandInCluster.StartAsync();
        using var directory = new TempDirectory();
        await using var a = Instance.Start(cluster, directory, "a");
        await Until(() => a.Gate.IsLeader, TimeSpan.FromSeconds(5));
        await using var b = Instance.Start(cluster, directory, "b");
        var clock = Stopwatch.StartNew();
        TimeSpan? aStopped = null;
        TimeSpan? bStarted = null;

        cluster.Api.BlockToken("token-a");
        var deadline = TimeSpan.FromSeconds(10);
        while (bStarted is null && clock.Elapsed < deadline)
        {
            if (aStopped is null && !a.Gate.IsLeader)
            {
                aStopped = clock.Elapsed;
            }

            if (b.Gate.IsLeader)
            {
                bStarted = clock.Elapsed;
                Assert.False(a.Gate.IsLeader, "two leaders at once");
            }

            await Task.Delay(10);
        }

        Assert.NotNull(aStopped);
        Assert.NotNull(bStarted);
        Assert.True(aStopped < bStarted, $"a stopped at {aStopped}, b started at {bStarted}");
        var desired = StandInCluster.Workspace("after-handover");
        var refused = await a.Runtime.ApplyAsync(new PlanAction(PlanActionKind.Create, desired.Key, desired, null, ["new"]), new ApplyContext(null!, false), CancellationToken.None);
        Assert.Equal("NotLeader", refused.Reason);
    }

    private static async Task Until(Func<bool> condition, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < patience, $"condition not reached in {patience}");
            await Task.Delay(20);
        }
    }

    /// <summary>One worker replica: its own kubeconfig (token) to the stand-in, a gate campaigning for the Lease, a gated runtime.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _campaign;
        private readonly KubernetesWorkspaceRuntime _inner;
        private bool _killed;

        private Instance(StandInCluster cluster, TempDirectory directory, string name)
        {
            Name = name;
            var kubeconfig = cluster.Api.WriteKubeconfig(directory.Path, "stand-in", $"token-{name}", $"kubeconfig-{name}");
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
            Gate = new LeaderGate(configuration, "reconciler-system", "reconciler", name, Timings, NullLogger<LeaderGate>.Instance);
            _inner = new KubernetesWorkspaceRuntime(configuration, new KubernetesRuntimeOptions(), NullLogger<KubernetesWorkspaceRuntime>.Instance);
            Runtime = new LeaderOnlyRuntime(_inner, Gate);
            _campaign = Gate.RunAsync(_stop.Token);
        }

        public string Name { get; }

        public LeaderGate Gate { get; }

        public IWorkspaceRuntime Runtime { get; }

        public static Instance Start(StandInCluster cluster, TempDirectory directory, string name) => new(cluster, directory, name);

        /// <summary>Stops the process's campaign without releasing the lease (a killed Pod does not say goodbye).</summary>
        public async Task KillAsync()
        {
            if (_killed)
            {
                return;
            }

            _killed = true;
            await _stop.CancelAsync();
            await _campaign;
            Gate.Dispose();
            _inner.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _stop.Dispose();
        }
    }
}
