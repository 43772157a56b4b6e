using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>409 Conflict: re-read and retry; a storm that outlasts the attempts is a failed apply, not an exception.</summary>
public sealed class ConflictTests
{
    [Fact]
    public async Task A_short_conflict_storm_is_absorbed_by_rereading_and_retrying()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = StandInCluster.Workspace("storm");
        cluster.Api.FailNextWrites(3);

        var (_, results) = await cluster.PassAsync([desired]);

        Assert.Equal(ApplyOutcome.Succeeded, Assert.Single(results).Result.Outcome);
        Assert.Equal(3, cluster.Api.Requests.Count(r => r.Status == 409));
        // Each conflict is followed by a read of the object before the next attempt.
        var requests = cluster.Api.Requests.ToList();
        foreach (var index in Enumerable.Range(0, requests.Count).Where(i => requests[i].Status == 409))
        {
            Assert.Equal("GET", requests[index + 1].Method);
            Assert.Equal(requests[index].Path, requests[index + 1].Path);
        }

        Assert.NotNull(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{WorkspaceNames.Base(desired.Key)}"));
    }

    [Fact]
    public async Task A_storm_longer_than_the_attempts_fails_the_apply_with_reason_conflict()
    {
        await using var cluster = await StandInCluster.StartAsync();
        cluster.Api.FailNextWrites(1000);

        var (_, results) = await cluster.PassAsync([StandInCluster.Workspace("storm")]);

        var result = Assert.Single(results).Result;
        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("Conflict", result.Reason);
        Assert.Equal(new KubernetesRuntimeOptions().ConflictAttempts, cluster.Api.Requests.Count(r => r.Status == 409));
        cluster.Api.FailNextWrites(0);

        var (_, retried) = await cluster.PassAsync([StandInCluster.Workspace("storm")]);
        Assert.Equal(ApplyOutcome.Succeeded, Assert.Single(retried).Result.Outcome);
    }
}
