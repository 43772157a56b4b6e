using System.Diagnostics;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Acceptance for <c>leaderElection</c> in <c>reconciler run</c>: two worker hosts with the same configuration campaign
/// for the stand-in's Lease; only the holder makes mutating calls (counted per replica by its token in the stand-in's
/// request log), the other reports Standby; stopping the leader hands over within the lease duration; a leader cut
/// off from the API stops applying before the other starts.
/// </summary>
public sealed class LeaderElectionWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(1);
    private readonly WorkerWorld _world = new();
    private readonly List<WorkerReplica> _replicas = [];
    private KubernetesStandIn _api = null!;

    [Fact]
    public async Task Only_the_replica_holding_the_lease_applies_and_the_other_reports_standby()
    {
        var (work, identity) = Repository();
        var (a, b) = await StartPairAsync(work.Url);
        var (leader, follower) = await LeaderAsync(a, b);

        await Eventually(() => Images().SequenceEqual(["registry.example/dev/base:1"]), TimeSpan.FromSeconds(20), "the leader creates the Deployment", leader, follower);
        var key = new WorkspaceKey(identity, "gpu");
        await Eventually(() => Reason(follower, key, WorkspaceConditionType.Reconciling) == "Standby", TimeSpan.FromSeconds(10), "the follower reports Standby", leader, follower);
        await Task.Delay(TimeSpan.FromSeconds(3)); // several poll intervals of both replicas

        Assert.True(WorkloadWrites(leader) > 0);
        Assert.Equal(0, WorkloadWrites(follower));
        Assert.Equal("Leader", Reason(leader, key, WorkspaceConditionType.Reconciling));
        Assert.Equal(["registry.example/dev/base:1"], Images());
    }

    [Fact]
    public async Task Stopping_the_leader_hands_over_within_the_lease_duration()
    {
        var (work, _) = Repository();
        var (a, b) = await StartPairAsync(work.Url);
        var (leader, follower) = await LeaderAsync(a, b);
        await Eventually(() => Images().Count == 1, TimeSpan.FromSeconds(20), "the leader creates the Deployment", leader, follower);

        var clock = Stopwatch.StartNew();
        await leader.StopAsync();
        await Eventually(() => follower.IsLeader, LeaseDuration + (RetryPeriod * 3), "the follower takes the Lease", leader, follower);
        var handover = clock.Elapsed;

        var before = WorkloadWrites(follower);
        work.Write(Files.DevcontainerFile, Devcontainer("2")).CommitAndPush("image 2");
        await Eventually(() => Images().SequenceEqual(["registry.example/dev/base:2"]), TimeSpan.FromSeconds(20), "the new leader applies the next commit", leader, follower);

        Assert.True(handover <= LeaseDuration + (RetryPeriod * 2), $"handover took {handover}");
        Assert.True(WorkloadWrites(follower) > before);
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_stops_applying_before_the_other_starts()
    {
        var (work, _) = Repository();
        var (a, b) = await StartPairAsync(work.Url);
        var (leader, follower) = await LeaderAsync(a, b);
        await Eventually(() => Images().Count == 1, TimeSpan.FromSeconds(20), "the leader creates the Deployment", leader, follower);

        _api.BlockToken(leader.Token);
        var clock = Stopwatch.StartNew();
        TimeSpan? stopped = null;
        TimeSpan? started = null;
        while (started is null && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (stopped is null && !leader.IsLeader)
            {
                stopped = clock.Elapsed;
            }

            if (follower.IsLeader)
            {
                started = clock.Elapsed;
                Assert.False(leader.IsLeader, "two leaders at once");
            }

            await Task.Delay(10);
        }

        Assert.NotNull(stopped);
        Assert.NotNull(started);
        Assert.True(stopped < started, $"the old leader stopped at {stopped}, the new one started at {started}");

        // The old leader reaches the API again but no longer holds the Lease: the next commit is applied by the new one only.
        _api.UnblockToken(leader.Token);
        var oldLeaderWrites = WorkloadWrites(leader);
        work.Write(Files.DevcontainerFile, Devcontainer("3")).CommitAndPush("image 3");
        await Eventually(() => Images().SequenceEqual(["registry.example/dev/base:3"]), TimeSpan.FromSeconds(20), "the new leader applies the next commit", leader, follower);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(oldLeaderWrites, WorkloadWrites(leader));
        Assert.False(leader.IsLeader);
    }

    public async Task InitializeAsync() => _api = await KubernetesStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _api.DisposeAsync();
        await _world.DisposeAsync();
    }

    private static string Devcontainer(string tag) => $$"""{ "image": "registry.example/dev/base:{{tag}}" }""";

    private (Reconciler.TestKit.Git.WorkRepository Work, string Identity) Repository()
    {
        var (work, identity) = _world.CreateRepository("lease");
        work.Write(Files.WorkspaceFile, """
            version: 1
            workspaces:
              - name: gpu
                deployment: k8s_pod
                host: lab
            """).Write(Files.DevcontainerFile, Devcontainer("1"));
        work.CommitAndPush("k8s workspace");
        return (work, identity);
    }

    private async Task<(WorkerReplica A, WorkerReplica B)> StartPairAsync(string url)
    {
        var config = $"""
            version: 1
            repositories:
              - url: {url}
                pollInterval: 1s
            runtimes:
              kubernetes:
                lab: {"{"} kubeconfig: kubeconfig, context: lab {"}"}
            leaderElection:
              cluster: lab
              identity: "{"{identity}"}"
              leaseDuration: 3s
              renewDeadline: 2s
              retryPeriod: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """;
        var a = await WorkerReplica.StartAsync(_api, "replica-a", config);
        _replicas.Add(a);
        var b = await WorkerReplica.StartAsync(_api, "replica-b", config);
        _replicas.Add(b);
        return (a, b);
    }

    private static async Task<(WorkerReplica Leader, WorkerReplica Follower)> LeaderAsync(WorkerReplica a, WorkerReplica b)
    {
        await Eventually(() => a.IsLeader || b.IsLeader, TimeSpan.FromSeconds(10), "one replica takes the Lease", a, b);
        Assert.False(a.IsLeader && b.IsLeader, "two leaders at once");
        return a.IsLeader ? (a, b) : (b, a);
    }

    private List<string> Images()
        => [.. _api.List("/apis/apps/v1/deployments").Select(d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>())];

    private int WorkloadWrites(WorkerReplica replica) => _api.Requests.Count(r => r.IsWorkloadWrite && r.Token == replica.Token);

    private static string? Reason(WorkerReplica replica, WorkspaceKey key, WorkspaceConditionType type)
        => replica.Running && replica.Store.GetWorkspaceStatusAsync(key, CancellationToken.None).GetAwaiter().GetResult() is { } status
            ? status.Conditions.FirstOrDefault(c => c.Type == type)?.Reason
            : null;

    private static async Task Eventually(Func<bool> condition, TimeSpan patience, string what, WorkerReplica a, WorkerReplica b)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > patience)
            {
                Assert.Fail($"Not within {patience}: {what}\n--- {a.Identity} ---\n{Tail(a.Log)}\n--- {b.Identity} ---\n{Tail(b.Log)}");
            }

            await Task.Delay(20);
        }
    }

    private static string Tail(string text) => text.Length <= 8_000 ? text : text[^8_000..];
}
