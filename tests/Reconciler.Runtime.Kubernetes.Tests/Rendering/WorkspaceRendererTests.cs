using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Rendering;

/// <summary>The rendering rules the golden files show, asserted one by one so a regenerated golden file cannot hide a regression.</summary>
public sealed class WorkspaceRendererTests
{
    private static RenderedWorkspace Render(string name)
    {
        var testCase = RenderCases.Named(name);
        return WorkspaceRenderer.Render(testCase.Desired, testCase.Options);
    }

    [Fact]
    public void K8s_pod_is_a_deployment_with_one_replica_recreated_not_rolled()
    {
        var rendered = Render("pod/ide");
        var deployment = Assert.IsType<V1Deployment>(rendered.Workload);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        Assert.Equal("rc-web-team", rendered.Namespace);
        var container = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("registry.example/dev/node:22", container.Image);
        Assert.Equal(WorkspaceRenderer.KeepAliveCommand, container.Command);
        Assert.Equal("/workspaces/app", container.WorkingDir);
        Assert.Equal(1001, container.SecurityContext.RunAsUser);
        Assert.Equal(["A_FIRST", "NODE_ENV"], container.Env.Select(e => e.Name));
        Assert.Equal("1500m", container.Resources.Limits["cpu"].ToString());
        Assert.Equal("2Gi", container.Resources.Requests["memory"].ToString());
        Assert.Equal("5Gi", deployment.Spec.Template.Spec.Volumes.Single().EmptyDir.SizeLimit.ToString());
    }

    [Fact]
    public void K8s_stateful_claims_the_workspace_folder_storage_and_devcontainer_volumes_and_keeps_them()
    {
        var rendered = Render("stateful/notebook");
        var set = Assert.IsType<V1StatefulSet>(rendered.Workload);
        Assert.Equal(["workspace", "home", "scratch", "pip-cache"], set.Spec.VolumeClaimTemplates.Select(c => c.Metadata.Name));
        Assert.Equal(["20Gi", "50Gi", "10Gi", "10Gi"], set.Spec.VolumeClaimTemplates.Select(c => c.Spec.Resources.Requests["storage"].ToString()));
        Assert.Equal("Retain", set.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
        Assert.Equal("Retain", set.Spec.PersistentVolumeClaimRetentionPolicy.WhenDeleted);
        Assert.Equal("Memory", set.Spec.Template.Spec.Volumes.Single().EmptyDir.Medium);
        Assert.Equal(set.Spec.ServiceName, rendered.Service!.Metadata.Name);
        Assert.Equal("None", rendered.Service.Spec.ClusterIP);
    }

    [Theory]
    [InlineData("gpu/exclusive", "nvidia.com/gpu", "2", "NVIDIA-H100-80GB-HBM3")]
    [InlineData("gpu/mig", "nvidia.com/mig-1g.10gb", "1", null)]
    [InlineData("gpu/shared", "nvidia.com/gpu.shared", "1", null)]
    public void Gpu_requests_become_device_plugin_limits(string name, string resource, string count, string? product)
    {
        var pod = Workloads.PodSpec(Render(name));
        var limits = pod.Containers.Single().Resources.Limits;
        Assert.Equal(count, Assert.Single(limits, l => l.Key.StartsWith("nvidia.com/", StringComparison.Ordinal)).Value.ToString());
        Assert.True(limits.ContainsKey(resource));
        Assert.Equal(product, pod.NodeSelector?["nvidia.com/gpu.product"]);
    }

    [Theory]
    [InlineData("stopped/pod")]
    [InlineData("stopped/stateful")]
    public void Stopped_is_zero_replicas_with_claims_kept(string name)
    {
        var rendered = Render(name);
        Assert.Equal(0, Workloads.Replicas(rendered));
        if (rendered.Workload is V1StatefulSet set)
        {
            Assert.Equal("Retain", set.Spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
        }
    }

    [Fact]
    public void Nfs_storage_is_an_nfs_volume_and_a_listed_deviation()
    {
        var rendered = Render("nfs/analysis");
        var volume = Workloads.PodSpec(rendered).Volumes.Single(v => v.Nfs is not null);
        Assert.Equal("10.0.0.5", volume.Nfs.Server);
        Assert.Equal("/exports/datasets", volume.Nfs.Path);
        Assert.True(volume.Nfs.ReadOnlyProperty);
        Assert.Equal(PodSecurityLevel.Baseline, rendered.PodSecurity);
        Assert.StartsWith("nfs volume datasets", Assert.Single(rendered.SecurityDeviations), StringComparison.Ordinal);
        Assert.Empty(rendered.Problems);
        Assert.Single(WorkspaceRenderer.Render(RenderCases.Named("nfs/analysis").Desired, new KubernetesRenderOptions()).Problems);
    }

    [Fact]
    public void Public_ports_get_a_load_balancer_or_an_ingress_per_configuration()
    {
        var balanced = Render("ports/web");
        Assert.Equal("ClusterIP", balanced.Service!.Spec.Type);
        Assert.Equal([3000, 9229], balanced.Service.Spec.Ports.Select(p => p.Port));
        Assert.Equal("LoadBalancer", balanced.PublicService!.Spec.Type);
        Assert.Equal([3000], balanced.PublicService.Spec.Ports.Select(p => p.Port));
        Assert.Null(balanced.Ingress);
        Assert.Null(Workloads.PodSpec(balanced).Containers.Single().Command);

        var ingress = Render("ingress/web");
        Assert.Null(ingress.PublicService);
        var rule = Assert.Single(ingress.Ingress!.Spec.Rules);
        Assert.Equal($"{ingress.Name}-3000.dev.example.com", rule.Host);
        Assert.Equal("nginx", ingress.Ingress.Spec.IngressClassName);
    }

    [Fact]
    public void Ownership_is_in_labels_and_the_full_identity_spec_hash_and_commit_in_annotations()
    {
        var testCase = RenderCases.Named("pod/ide");
        var rendered = WorkspaceRenderer.Render(testCase.Desired, testCase.Options);
        foreach (var meta in rendered.NamespacedObjects().Select(o => o.Metadata))
        {
            Assert.Equal("reconciler", meta.Labels[OwnershipLabels.ManagedBy]);
            Assert.Equal(WorkspaceNames.RepositoryHash(RenderCases.Repository), meta.Labels["dev.reconciler.repository-hash"]);
            Assert.Equal("ide", meta.Labels[OwnershipLabels.Workspace]);
            Assert.Equal(testCase.Desired.SpecHash, meta.Labels[OwnershipLabels.SpecHash]);
            Assert.Equal("4711", meta.Labels["cost-center"]);
            Assert.False(meta.Labels.ContainsKey("not a label"));
            Assert.Equal(RenderCases.Repository, meta.Annotations[OwnershipLabels.Repository]);
            Assert.Equal(testCase.Desired.Commit, meta.Annotations[OwnershipLabels.Commit]);
            Assert.Equal(testCase.Desired.SpecHash, meta.Annotations[OwnershipLabels.SpecHash]);
        }
    }

    [Fact]
    public void What_kubernetes_cannot_do_blocks_the_workspace_with_every_reason()
    {
        var rendered = Render("blocked/needs-root");
        Assert.Equal(5, rendered.Problems.Count);
        Assert.Contains(rendered.Problems, p => p.StartsWith("the devcontainer needs Pod Security baseline", StringComparison.Ordinal));
        Assert.Contains(rendered.Problems, p => p.StartsWith("storage home (type local) needs deployment k8s_stateful", StringComparison.Ordinal));
        // s3 on Kubernetes is a located error before rendering (RC0113); a ceph class on a k8s_pod would lose its data.
        Assert.Contains(rendered.Problems, p => p.StartsWith("storage models (type ceph) needs deployment k8s_stateful or an existing claim", StringComparison.Ordinal));
        Assert.Contains(rendered.Problems, p => p.StartsWith("gpu mode vgpu is not supported", StringComparison.Ordinal));
        Assert.Contains(rendered.Problems, p => p.StartsWith("bind mount /var/run/docker.sock", StringComparison.Ordinal));
    }
}
