using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>A workspace that left the file is removed; objects without our labels, and other repositories' objects, are never touched.</summary>
public sealed class PruneTests
{
    [Fact]
    public async Task Removing_a_workspace_deletes_only_its_labelled_objects_and_keeps_claims()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var kept = StandInCluster.Workspace("kept");
        var gone = StandInCluster.Workspace("gone", DeploymentKind.K8sStateful);
        await cluster.PassAsync([kept, gone]);
        var goneName = WorkspaceNames.Base(gone.Key);
        var claim = SeedClaim(cluster, gone, $"workspace-{goneName}-0");
        cluster.Api.Seed("/apis/apps/v1/namespaces/rc-tests/deployments/hand-made", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "hand-made", ["labels"] = new JsonObject { ["app"] = "x" } },
        });
        var other = StandInCluster.Workspace("gone", DeploymentKind.K8sStateful) with { Key = new WorkspaceKey("github.com/acme/other", "gone") };
        var otherName = WorkspaceNames.Base(other.Key);
        await new StandInOtherRepository(cluster).ApplyAsync(other);

        var (plan, results) = await cluster.PassAsync([kept]);

        var remove = Assert.Single(plan.Actions, a => a.Kind == PlanActionKind.Remove);
        Assert.Equal(gone.Key, remove.Key);
        Assert.All(results, r => Assert.Equal(ApplyOutcome.Succeeded, r.Result.Outcome));
        Assert.Null(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/statefulsets/{goneName}"));
        Assert.Null(cluster.Api.Get($"/api/v1/namespaces/rc-tests/services/{goneName}"));
        Assert.NotNull(cluster.Api.Get(claim));
        Assert.NotNull(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/deployments/{WorkspaceNames.Base(kept.Key)}"));
        Assert.NotNull(cluster.Api.Get("/apis/apps/v1/namespaces/rc-tests/deployments/hand-made"));
        Assert.NotNull(cluster.Api.Get($"/apis/apps/v1/namespaces/rc-tests/statefulsets/{otherName}"));
    }

    [Fact]
    public async Task With_prune_volumes_the_claims_of_the_removed_workspace_go_too()
    {
        await using var cluster = await StandInCluster.StartAsync();
        var gone = StandInCluster.Workspace("gone", DeploymentKind.K8sStateful);
        var kept = StandInCluster.Workspace("kept", DeploymentKind.K8sStateful);
        await cluster.PassAsync([gone, kept]);
        var goneClaim = SeedClaim(cluster, gone, $"workspace-{WorkspaceNames.Base(gone.Key)}-0");
        var keptClaim = SeedClaim(cluster, kept, $"workspace-{WorkspaceNames.Base(kept.Key)}-0");

        await cluster.PassAsync([kept], pruneVolumes: true);

        Assert.Null(cluster.Api.Get(goneClaim));
        Assert.NotNull(cluster.Api.Get(keptClaim));
    }

    /// <summary>What the StatefulSet controller would create from the claim template (the stand-in runs no controllers).</summary>
    private static string SeedClaim(StandInCluster cluster, DesiredWorkspace desired, string name)
    {
        var rendered = WorkspaceRenderer.Render(desired, new KubernetesRenderOptions());
        var labels = new JsonObject();
        foreach (var (key, value) in ((k8s.Models.V1StatefulSet)rendered.Workload).Spec.VolumeClaimTemplates[0].Metadata.Labels)
        {
            labels[key] = value;
        }

        var path = $"/api/v1/namespaces/rc-tests/persistentvolumeclaims/{name}";
        cluster.Api.Seed(path, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        });
        return path;
    }

    /// <summary>Applies a workspace of another repository through a second runtime on the same cluster.</summary>
    private sealed class StandInOtherRepository(StandInCluster cluster)
    {
        public async Task ApplyAsync(DesiredWorkspace desired)
        {
            var action = new PlanAction(PlanActionKind.Create, desired.Key, desired, null, ["test"]);
            var result = await cluster.Runtime.ApplyAsync(action, new ApplyContext(null!, false), CancellationToken.None);
            Assert.Equal(ApplyOutcome.Succeeded, result.Outcome);
        }
    }
}
