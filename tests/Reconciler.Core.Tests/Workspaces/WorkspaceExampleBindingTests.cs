using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspaceExampleBindingTests
{
    private const long Gi = 1024L * 1024 * 1024;

    [Fact]
    public void The_documented_example_binds_to_the_expected_records()
    {
        var result = WorkspaceFileParser.Parse(File.ReadAllText(Examples.Workspace), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var file = result.Value!;
        Assert.Equal(1, file.Version);
        Assert.False(file.PruneVolumes);
        var trainer = Assert.Single(file.Workspaces);
        Assert.Equal("trainer", trainer.Name);
        Assert.Equal(".devcontainer/devcontainer.json", trainer.Devcontainer);
        Assert.Equal(DeploymentKind.DockerLocal, trainer.Deployment);
        Assert.Equal("gpu-node-1", trainer.Host);
        Assert.Equal(WorkspaceType.Training, trainer.Type);
        Assert.Equal("ml-research", trainer.Team);
        Assert.Equal("alice", trainer.Owner);
        Assert.Equal(new ResourceSpec(8, 32 * Gi, 100 * Gi), trainer.Resources);
        Assert.Equal(new GpuSpec(GpuMode.Exclusive, 2, "H100"), trainer.Gpu);
        Assert.Equal(
            [
                new StorageSpec("home", StorageType.Local, "/home/dev", 50 * Gi),
                new StorageSpec("datasets", StorageType.Nfs, "/data", Server: "10.0.0.5", Path: "/exports/datasets", ReadOnly: true),
            ],
            trainer.Storage);
        Assert.Equal([new PortSpec(8888, "jupyter", PortExposure.Internal)], trainer.Ports);
        Assert.Equal(new AccessSpec(Ssh: true, Jupyter: true), trainer.Access);
        Assert.Equal(
            new LifecycleSpec(LifecyclePolicy.Scheduled, "Asia/Shanghai", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI", TimeSpan.FromHours(2)),
            trainer.Lifecycle);
        Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "4711" }, trainer.Labels);
        Assert.Equal(new(Yaml.File, 7, 5), trainer.Location);
    }

    [Fact]
    public void A_minimal_file_gets_the_documented_defaults()
    {
        var file = Workspace.Parse("version: 1", "workspaces:", "  - name: dev");

        var dev = Assert.Single(file.Workspaces);
        Assert.Equal(".devcontainer/devcontainer.json", dev.Devcontainer);
        Assert.Equal(DeploymentKind.DockerLocal, dev.Deployment);
        Assert.Null(dev.Host);
        Assert.Equal(WorkspaceType.Ide, dev.Type);
        Assert.Equal(new ResourceSpec(), dev.Resources);
        Assert.Equal(new GpuSpec(), dev.Gpu);
        Assert.Empty(dev.Storage);
        Assert.Empty(dev.Ports);
        Assert.Equal(new LifecycleSpec(), dev.Lifecycle);
        Assert.Empty(dev.Labels);
    }

    [Fact]
    public void Sizes_may_be_plain_integers_and_cpu_fractional()
    {
        var file = Workspace.Parse("version: 1", "workspaces:", "  - name: dev", "    resources: { cpu: 0.5, memory: 1048576, disk: 2G }");

        Assert.Equal(new ResourceSpec(0.5, 1048576, 2_000_000_000), file.Workspaces[0].Resources);
    }

    [Fact]
    public void A_file_without_workspaces_is_valid()
    {
        Assert.Empty(Workspace.Parse("version: 1").Workspaces);
    }
}
