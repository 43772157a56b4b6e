using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>Stop and start are the replica count: 0 and 1; claims of a StatefulSet are untouched.</summary>
public sealed class PowerTests
{
    [Theory]
    [InlineData(DeploymentKind.K8sPod, "deployments")]
    [InlineData(DeploymentKind.K8sStateful, "statefulsets")]
    public async Task Stop_scales_to_zero_and_start_back_to_one(DeploymentKind kind, string plural)
    {
        await using var cluster = await StandInCluster.StartAsync();
        var running = StandInCluster.Workspace("power", kind);
        await cluster.PassAsync([running]);
        var path = $"/apis/apps/v1/namespaces/rc-tests/{plural}/{WorkspaceNames.Base(running.Key)}";

        var (stopPlan, stopResults) = await cluster.PassAsync([running with { Power = PowerState.Stopped }]);

        Assert.Equal(PlanActionKind.Stop, Assert.Single(stopPlan.Actions).Kind);
        Assert.Equal(ApplyOutcome.Succeeded, Assert.Single(stopResults).Result.Outcome);
        Assert.Equal(0, cluster.Api.Get(path)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(ObservedState.Stopped, Assert.Single(await cluster.Runtime.ObserveAsync(StandInCluster.Repository, CancellationToken.None)).State);
        cluster.Api.ClearRequests();
        var (stillStopped, _) = await cluster.PassAsync([running with { Power = PowerState.Stopped }]);
        Assert.Equal(PlanActionKind.NoOp, Assert.Single(stillStopped.Actions).Kind);
        Assert.Equal(0, cluster.Api.WriteCount);

        var (startPlan, _) = await cluster.PassAsync([running]);

        Assert.Equal(PlanActionKind.Start, Assert.Single(startPlan.Actions).Kind);
        Assert.Equal(1, cluster.Api.Get(path)!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(ObservedState.Running, Assert.Single(await cluster.Runtime.ObserveAsync(StandInCluster.Repository, CancellationToken.None)).State);
    }
}
