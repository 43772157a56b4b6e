using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>API calls per pass do not depend on the number of unchanged workspaces.</summary>
public sealed class ScaleTests
{
    [Fact]
    public async Task A_pass_over_unchanged_workspaces_costs_the_same_calls_for_3_and_60_workspaces()
    {
        var few = await CallsOfSecondPassAsync(3);
        var many = await CallsOfSecondPassAsync(60);

        Assert.Equal(2, few.Requests);
        Assert.Equal(few, many);
        Assert.Equal(0, many.Writes);
    }

    private static async Task<(int Requests, int Writes)> CallsOfSecondPassAsync(int count)
    {
        await using var cluster = await StandInCluster.StartAsync();
        IReadOnlyList<DesiredWorkspace> desired = [.. Enumerable.Range(0, count)
            .Select(i => StandInCluster.Workspace($"ws-{i}", i % 2 == 0 ? DeploymentKind.K8sPod : DeploymentKind.K8sStateful))];
        await cluster.PassAsync(desired);
        Assert.Equal(count, (await cluster.Runtime.ObserveAsync(StandInCluster.Repository, CancellationToken.None)).Count);
        cluster.Api.ClearRequests();

        await cluster.PassAsync(desired);

        return (cluster.Api.Requests.Count, cluster.Api.WriteCount);
    }
}
