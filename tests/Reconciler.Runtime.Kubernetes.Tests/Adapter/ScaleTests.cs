using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Workspaces;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>API calls per pass (observe + apply, and settling) do not depend on the number of unchanged workspaces.</summary>
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

    [Fact]
    public async Task Settling_ready_workspaces_whose_commands_ran_costs_one_pod_list_for_3_and_60_workspaces()
    {
        var few = await CallsOfSettlingAsync(3);
        var many = await CallsOfSettlingAsync(60);

        Assert.Equal((1, 0), few);
        Assert.Equal(few, many);
    }

    private static async Task<(int Requests, int Writes)> CallsOfSettlingAsync(int count)
    {
        await using var cluster = await StandInCluster.StartAsync();
        var commands = new LifecycleCommands(PostCreate: LifecycleCommand.FromShell("make setup"), PostStart: LifecycleCommand.FromShell("echo started"));
        IReadOnlyList<DesiredWorkspace> desired = [.. Enumerable.Range(0, count)
            .Select(i => StandInCluster.Workspace($"ws-{i}", i % 2 == 0 ? DeploymentKind.K8sPod : DeploymentKind.K8sStateful) with { Commands = commands })];
        await cluster.PassAsync(desired);
        foreach (var workspace in desired)
        {
            WorkloadPods.Seed(cluster.Api, workspace.Key.Workspace, WorkloadPods.ReadyStatus());
        }

        var first = await cluster.Runtime.SettleAsync(StandInCluster.Repository, desired, mayChange: true, CancellationToken.None);
        Assert.All(first, s => Assert.True(s.Ready, s.Message));
        Assert.Equal(count * 2, cluster.Api.Execs.Count);
        cluster.Api.ClearRequests();

        await cluster.Runtime.SettleAsync(StandInCluster.Repository, desired, mayChange: true, CancellationToken.None);

        return (cluster.Api.Requests.Count, cluster.Api.WriteCount);
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
