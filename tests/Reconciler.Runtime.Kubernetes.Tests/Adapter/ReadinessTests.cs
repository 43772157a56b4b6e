using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Adapter;

/// <summary>Workspace conditions from Pod status: ready, image pull failures, unschedulable for want of GPUs.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Pod_status_becomes_the_workspace_condition()
    {
        await using var cluster = await StandInCluster.StartAsync();
        SeedPod(cluster, "ready", new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
        });
        SeedPod(cluster, "pull", new JsonObject
        {
            ["phase"] = "Pending",
            ["containerStatuses"] = new JsonArray(new JsonObject
            {
                ["name"] = "workspace",
                ["ready"] = false,
                ["restartCount"] = 0,
                ["image"] = "registry.example/missing:1",
                ["imageID"] = "",
                ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = "Back-off pulling image \"registry.example/missing:1\"" } },
            }),
        });
        SeedPod(cluster, "gpu", new JsonObject
        {
            ["phase"] = "Pending",
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["reason"] = "Unschedulable",
                ["message"] = "0/3 nodes are available: 3 Insufficient nvidia.com/gpu.",
            }),
        });

        var readiness = (await cluster.Runtime.ReadinessAsync(StandInCluster.Repository, CancellationToken.None)).ToDictionary(r => r.Key.Workspace);

        Assert.True(readiness["ready"].Ready);
        Assert.False(readiness["pull"].Ready);
        Assert.Equal("ImagePullBackOff", readiness["pull"].Reason);
        Assert.Equal("Unschedulable", readiness["gpu"].Reason);
        Assert.Contains("Insufficient nvidia.com/gpu", readiness["gpu"].Message, StringComparison.Ordinal);
        Assert.Equal(new WorkspaceKey(StandInCluster.Repository, "gpu"), readiness["gpu"].Key);
        Assert.Equal("/api/v1/pods", cluster.Api.Requests.Single().Path);
    }

    /// <summary>The Pod a controller would make from the rendered template, with the given status.</summary>
    private static void SeedPod(StandInCluster cluster, string workspace, JsonObject status)
    {
        var desired = StandInCluster.Workspace(workspace);
        var rendered = Runtime.Kubernetes.Rendering.WorkspaceRenderer.Render(desired, new Runtime.Kubernetes.Rendering.KubernetesRenderOptions());
        var template = ((k8s.Models.V1Deployment)rendered.Workload).Spec.Template;
        var pod = JsonNode.Parse(k8s.KubernetesJson.Serialize(new k8s.Models.V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new k8s.Models.V1ObjectMeta { Name = $"{rendered.Name}-abc12", Labels = template.Metadata.Labels, Annotations = template.Metadata.Annotations },
            Spec = template.Spec,
        }))!.AsObject();
        pod["status"] = status;
        cluster.Api.Seed($"/api/v1/namespaces/rc-tests/pods/{rendered.Name}-abc12", pod);
    }
}
