using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

/// <summary><c>k8s_pod</c>/<c>k8s_stateful</c> are supported exactly on hosts that are configured Kubernetes clusters.</summary>
public sealed class KubernetesCapabilitiesTests
{
    private static readonly CompilerOptions WithCluster = new(new HashSet<string>(StringComparer.Ordinal) { "default", "gpu-cluster" })
    {
        KubernetesHosts = new HashSet<string>(StringComparer.Ordinal) { "gpu-cluster" },
    };

    [Fact]
    public void Without_a_cluster_a_kubernetes_workspace_is_blocked_with_the_reason()
    {
        var desired = Compile(new WorkspaceSpec { Name = "ide", Deployment = DeploymentKind.K8sPod }, CompilerOptions.Default);

        Assert.Equal(["deployment k8s_pod needs a Kubernetes cluster: host 'default' is not one (clusters: none configured under runtimes.kubernetes)"], desired.Unsupported);
    }

    [Fact]
    public void On_a_cluster_gpus_pvc_and_nfs_storage_are_supported_but_s3_is_not()
    {
        var spec = new WorkspaceSpec
        {
            Name = "trainer",
            Deployment = DeploymentKind.K8sStateful,
            Host = "gpu-cluster",
            Gpu = new GpuSpec(GpuMode.Mig, 1, Profile: "1g.10gb"),
            Storage =
            [
                new StorageSpec("home", StorageType.Pvc, "/home/dev"),
                new StorageSpec("data", StorageType.Nfs, "/data", Server: "10.0.0.5", Path: "/x"),
                new StorageSpec("objects", StorageType.S3, "/objects"),
            ],
        };

        Assert.Equal(["storage type s3 (objects)"], Compile(spec, WithCluster).Unsupported);
    }

    [Fact]
    public void A_kubernetes_workspace_on_a_docker_host_and_a_docker_workspace_on_a_cluster_are_blocked()
    {
        Assert.Equal(
            ["deployment k8s_pod needs a Kubernetes cluster: host 'default' is not one (clusters: gpu-cluster)"],
            Compile(new WorkspaceSpec { Name = "a", Deployment = DeploymentKind.K8sPod }, WithCluster).Unsupported);
        Assert.Equal(
            ["deployment docker_local on host 'gpu-cluster', which is a Kubernetes cluster"],
            Compile(new WorkspaceSpec { Name = "b", Host = "gpu-cluster" }, WithCluster).Unsupported);
    }

    private static DesiredWorkspace Compile(WorkspaceSpec spec, CompilerOptions options)
    {
        var result = DesiredStateCompiler.Compile(
            new CompileRequest(spec, Tests.Desired.Compile.Config(), ".devcontainer/devcontainer.json", Tests.Desired.Compile.Repository, "c1"), options);
        return result.Desired ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
    }
}

/// <summary>The spec hash of a Kubernetes workspace covers what the renderer reads from workspace.yaml; Docker hashes are unchanged.</summary>
public sealed class KubernetesSpecHashTests
{
    [Fact]
    public void Gpu_team_storage_and_port_exposure_change_the_hash_of_a_kubernetes_workspace()
    {
        var spec = new WorkspaceSpec { Name = "t", Deployment = DeploymentKind.K8sStateful, Team = "a" };
        var hash = Hash(spec);

        Assert.NotEqual(hash, Hash(spec with { Team = "b" }));
        Assert.NotEqual(hash, Hash(spec with { Gpu = new GpuSpec(GpuMode.Exclusive, 1) }));
        Assert.NotEqual(hash, Hash(spec with { Storage = [new StorageSpec("d", StorageType.Nfs, "/d", Server: "s", Path: "/p")] }));
        Assert.NotEqual(Hash(spec with { Ports = [new PortSpec(80)] }), Hash(spec with { Ports = [new PortSpec(80, Expose: PortExposure.Public)] }));
        Assert.Equal(hash, Hash(spec));
    }

    [Fact]
    public void A_docker_workspace_hash_ignores_them()
    {
        var spec = new WorkspaceSpec { Name = "t", Team = "a" };

        Assert.Equal(Hash(spec), Hash(spec with { Team = "b" }));
        Assert.DoesNotContain(Fields(spec).Keys, k => k.StartsWith("kubernetes.", StringComparison.Ordinal));
    }

    private static string Hash(WorkspaceSpec spec) => Tests.Desired.Compile.Workspace(spec.Name, spec: spec).SpecHash;

    private static IReadOnlyDictionary<string, string> Fields(WorkspaceSpec spec) => Tests.Desired.Compile.Workspace(spec.Name, spec: spec).Fields;
}
