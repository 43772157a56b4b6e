using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>Create, no-op second pass, spec change and kind change against the stand-in API over HTTP.</summary>
public sealed class ConvergeTests
{
    [Fact]
    public async Task Create_applies_the_namespace_workload_and_service_with_our_field_manager()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = StandInCluster.Workspace("ide") with { Spec = new WorkspaceSpec { Name = "ide", Deployment = DeploymentKind.K8sPod, Team = "tests", Ports = [new PortSpec(8080, "http")] } };

        var (plan, results) = await cluster.PassAsync([desired]);

        Assert.Equal(PlanActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.Equal(ApplyOutcome.Succeeded, Assert.Single(results).Result.Outcome);
        var name = WorkspaceNames.Base(desired.Key);
        var deployment = cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{name}");
        Assert.NotNull(deployment);
        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(desired.SpecHash, deployment["metadata"]!["annotations"]![OwnershipLabels.SpecHash]!.GetValue<string>());
        Assert.NotNull(cluster.Api.Get("/api/v1/namespaces/rc-tests"));
        Assert.NotNull(cluster.Api.Get($"/api/v1/namespaces/rc-tests/services/{name}"));
        var writes = cluster.Api.Requests.Where(r => r.IsWrite).ToList();
        Assert.All(writes, w => Assert.Equal("PATCH", w.Method));
        Assert.All(writes, w => Assert.Contains("fieldManager=reconciler", w.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_pass_with_nothing_changed_writes_nothing_and_lists_once_per_kind()
    {
        await using var cluster = await StandInCluster.StartAsync();
        IReadOnlyList<DesiredWorkspace> desired = [StandInCluster.Workspace("a"), StandInCluster.Workspace("b", DeploymentKind.K8sStateful)];
        await cluster.PassAsync(desired);
        cluster.Api.ClearRequests();

        var (plan, results) = await cluster.PassAsync(desired);

        Assert.All(plan.Actions, a => Assert.Equal(PlanActionKind.NoOp, a.Kind));
        Assert.Empty(results);
        Assert.Equal(0, cluster.Api.WriteCount);
        Assert.Equal(["/apis/apps/v1/deployments", "/apis/apps/v1/statefulsets"], cluster.Api.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_spec_change_is_applied_in_place_and_drops_objects_no_longer_rendered()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var first = StandInCluster.Workspace("web") with { Spec = new WorkspaceSpec { Name = "web", Deployment = DeploymentKind.K8sPod, Team = "tests", Ports = [new PortSpec(3000, "app", PortExposure.Public)] } };
        await cluster.PassAsync([first]);
        var name = WorkspaceNames.Base(first.Key);
        var uid = cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{name}")!["metadata"]!["uid"]!.GetValue<string>();

        var changed = (first with { Image = "registry.example/dev/base:2", Spec = first.Spec with { Ports = [] } }).WithField("image", "registry.example/dev/base:2");
        var (plan, results) = await cluster.PassAsync([changed]);

        Assert.Equal(PlanActionKind.Recreate, Assert.Single(plan.Actions).Kind);
        Assert.True(Assert.Single(results).Result.Outcome == ApplyOutcome.Succeeded, results[0].Result.Message);
        var deployment = cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{name}")!;
        Assert.Equal(uid, deployment["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(2L, deployment["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("registry.example/dev/base:2", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Null(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]);
        Assert.Null(cluster.Api.Get($"/api/v1/namespaces/rc-tests/services/{name}"));
        Assert.Null(cluster.Api.Get($"/api/v1/namespaces/rc-tests/services/{name}-public"));
    }

    [Fact]
    public async Task Changing_k8s_pod_to_k8s_stateful_replaces_the_deployment_with_a_stateful_set()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var pod = StandInCluster.Workspace("move");
        await cluster.PassAsync([pod]);

        var stateful = (pod with { Spec = pod.Spec with { Deployment = DeploymentKind.K8sStateful } }).WithField("deployment", "k8s_stateful");
        await cluster.PassAsync([stateful]);

        var name = WorkspaceNames.Base(pod.Key);
        Assert.Null(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{name}"));
        Assert.NotNull(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/statefulsets/{name}"));
        var observed = Assert.Single(await cluster.Runtime.ObserveAsync(StandInCluster.Repository, CancellationToken.None));
        Assert.Equal($"rc-tests/StatefulSet/{name}", observed.Id);
    }

    [Fact]
    public async Task A_workspace_the_cluster_cannot_run_fails_with_every_reason_and_writes_nothing()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = StandInCluster.Workspace("nfs") with
        {
            Spec = new WorkspaceSpec { Name = "nfs", Deployment = DeploymentKind.K8sPod, Storage = [new StorageSpec("data", StorageType.Nfs, "/data", Server: "nfs", Path: "/x")] },
        };

        var (_, results) = await cluster.PassAsync([desired]);

        var result = Assert.Single(results).Result;
        Assert.Equal("NotSupportedOnKubernetes", result.Reason);
        Assert.Contains("needs Pod Security baseline", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Api.WriteCount);
    }

    [Fact]
    public async Task Observe_reads_identity_hash_commit_and_state_back_from_the_objects()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var desired = StandInCluster.Workspace("seen");
        await cluster.PassAsync([desired]);

        var observed = Assert.Single(await cluster.Runtime.ObserveAsync(StandInCluster.Repository, CancellationToken.None));

        Assert.Equal(desired.Key, observed.Key);
        Assert.Equal(desired.SpecHash, observed.SpecHash);
        Assert.Equal(desired.Commit, observed.Commit);
        Assert.Equal(ObservedState.Running, observed.State);
        Assert.Equal(desired.Fields, observed.Fields);
        Assert.Empty(await cluster.Runtime.ObserveAsync("github.com/acme/other", CancellationToken.None));
    }
}
