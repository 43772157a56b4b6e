using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class CreateTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Create_runs_a_container_configured_from_the_spec()
    {
        var desired = _t.Desired() with
        {
            Container = _t.Desired().Container with
            {
                Env = new Dictionary<string, string> { ["GREETING"] = "hello" },
                Labels = new Dictionary<string, string> { ["team"] = "ml" },
                NanoCpus = 500_000_000,
                MemoryBytes = 256L * 1024 * 1024,
                Ports = [new PortBinding(8080, null)],
                ContainerUser = "dev",
                Init = true,
                Mounts = [new MountRequest(MountKind.Volume, "workspace", DesiredWorkspaces.WorkspaceFolder), new MountRequest(MountKind.Tmpfs, null, "/scratch")],
            },
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        var container = await _t.Client.Containers.InspectContainerAsync(_t.ContainerName());
        Assert.True(container.State.Running);
        Assert.Contains("GREETING=hello", container.Config.Env);
        Assert.Equal("dev", container.Config.User);
        Assert.Equal(DesiredWorkspaces.WorkspaceFolder, container.Config.WorkingDir);
        Assert.Equal(500_000_000, container.HostConfig.NanoCPUs);
        Assert.Equal(256L * 1024 * 1024, container.HostConfig.Memory);
        Assert.True(container.HostConfig.Init);
        var labels = container.Config.Labels;
        Assert.Equal(OwnershipLabels.ManagedByValue, labels[OwnershipLabels.ManagedBy]);
        Assert.Equal(_t.Repository, labels[OwnershipLabels.Repository]);
        Assert.Equal("main", labels[OwnershipLabels.Workspace]);
        Assert.Equal(desired.SpecHash, labels[OwnershipLabels.SpecHash]);
        Assert.Equal(desired.Commit, labels[OwnershipLabels.Commit]);
        Assert.Equal(desired.Fields, JsonSerializer.Deserialize<Dictionary<string, string>>(labels[OwnershipLabels.Spec]));
        Assert.Equal("ml", labels["team"]);
        var published = container.NetworkSettings.Ports["8080/tcp"];
        Assert.NotEmpty(published);
        Assert.All(published, p => Assert.True(int.Parse(p.HostPort, System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Contains(container.Mounts, m => m.Type == "volume" && m.Name == _t.WorkspaceVolume() && m.Destination == DesiredWorkspaces.WorkspaceFolder);
        Assert.Contains(container.Mounts, m => m.Type == "tmpfs" && m.Destination == "/scratch");
    }

    [Fact]
    public async Task Create_seeds_the_workspace_volume_with_the_repository_files()
    {
        _t.Checkout.Write("README.md", "hello from the repo\n");
        var script = _t.Checkout.Write("tools/run.sh", "#!/bin/sh\necho ran\n");
        Assert.Equal(0, LocalImages.Run("chmod", $"755 {script}").ExitCode);
        File.CreateSymbolicLink(Path.Combine(_t.Checkout.Path, "docs"), "tools");
        var desired = _t.Desired() with { Container = _t.Desired().Container with { ContainerUser = "dev" } };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        var name = _t.ContainerName();
        Assert.Equal("hello from the repo\n", RuntimeTestContext.Exec(name, "cat README.md"));
        Assert.Equal("ran\n", RuntimeTestContext.Exec(name, "./tools/run.sh"));
        Assert.Equal("tools\n", RuntimeTestContext.Exec(name, "readlink docs"));
        Assert.Equal("1000:1000\n", RuntimeTestContext.Exec(name, $"stat -c %u:%g {DesiredWorkspaces.WorkspaceFolder} {DesiredWorkspaces.WorkspaceFolder}/README.md | uniq"));
        var volumes = (await _t.VolumesAsync()).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        Assert.Equal([_t.WorkspaceVolume(), _t.SeedMarkerVolume()], volumes.Select(v => v.Name));
        Assert.Equal(["workspace", "seed-marker"], volumes.Select(v => v.Labels[OwnershipLabels.VolumeRole]));
        Assert.Equal(desired.SpecHash, volumes[0].Labels[OwnershipLabels.SpecHash]);
        Assert.Equal(_t.SeedMarkerVolume(), volumes[0].Labels["dev.reconciler.seed-marker"]);
    }

    [Fact]
    public async Task Create_runs_postCreate_exactly_once_after_onCreate()
    {
        var desired = _t.Desired() with
        {
            Container = _t.Desired().Container with { ContainerUser = "dev" },
            Commands = new LifecycleCommands(
                OnCreate: LifecycleCommand.FromShell("echo onCreate >> order.txt"),
                PostCreate: LifecycleCommand.FromShell("echo postCreate >> order.txt; whoami > user.txt"),
                PostStart: LifecycleCommand.FromShell("echo postStart >> order.txt")),
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Equal("onCreate\npostCreate\npostStart\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat order.txt"));
        Assert.Equal("dev\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat user.txt"));
    }
}
