using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Containers;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// The states a process killed half-way through the create path leaves behind (found by the worker's crash-safety
/// test), rebuilt here directly, and what the next observe → plan → apply makes of them.
/// </summary>
public sealed class InterruptedCreateTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    private DesiredWorkspace Desired => _t.Desired() with
    {
        Commands = new LifecycleCommands(PostCreate: LifecycleCommand.FromShell("echo ran >> postcreate.txt")),
    };

    [Theory]
    [InlineData(false)] // killed between container create and start (or during the seed)
    [InlineData(true)] // killed while postCreateCommand was running
    public async Task A_container_left_under_its_creating_name_is_replaced_and_its_lifecycle_commands_run(bool started)
    {
        _t.Checkout.Write("README.md", "v1\n");
        var desired = Desired;
        var leftover = await CreateLeftoverAsync(desired, started);

        var observed = await _t.ObserveOneAsync();
        Assert.Equal((leftover, WorkspaceLabels.IncompleteHash), (observed.Id, observed.SpecHash));
        var action = Assert.Single(Planner.Plan([desired], [observed]).Actions);
        Assert.Equal(PlanActionKind.Recreate, action.Kind);

        var result = await _t.Runtime.ApplyAsync(action, new ApplyContext(_t.Content, false), CancellationToken.None);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        var now = await _t.ObserveOneAsync();
        Assert.NotEqual(leftover, now.Id);
        Assert.Equal((_t.ContainerName(), desired.SpecHash, ObservedState.Running), (now.Name, now.SpecHash, now.State));
        Assert.Equal("ran\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat postcreate.txt"));
        Assert.DoesNotContain(Planner.Plan([desired], await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None)).Actions, a => a.Kind != PlanActionKind.NoOp);
    }

    [Fact]
    public async Task A_workspace_volume_created_but_never_seeded_is_seeded_by_the_next_create()
    {
        _t.Checkout.Write("README.md", "from the repo\n");
        var desired = Desired;

        // What a kill between "volume created" and "seed finished" leaves: the volume, labelled with its marker, and no marker.
        var labels = WorkspaceLabels.ForVolume(desired, WorkspaceLabels.WorkspaceRole);
        labels[WorkspaceLabels.SeedMarker] = _t.SeedMarkerVolume();
        await _t.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = _t.WorkspaceVolume(), Labels = labels });

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Equal("from the repo\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat README.md"));
        Assert.Contains(await _t.VolumesAsync(), v => v.Name == _t.SeedMarkerVolume());
    }

    [Fact]
    public async Task A_seeded_volume_is_never_seeded_again_and_neither_is_one_that_predates_the_marker()
    {
        _t.Checkout.Write("README.md", "from the repo\n");
        var desired = Desired;
        Assert.Equal(ApplyOutcome.Succeeded, (await _t.ApplyAsync(PlanActionKind.Create, desired)).Outcome);
        RuntimeTestContext.Exec(_t.ContainerName(), "echo edited > README.md");
        await _t.Client.Containers.RemoveContainerAsync(_t.ContainerName(), new ContainerRemoveParameters { Force = true });

        Assert.Equal(ApplyOutcome.Succeeded, (await _t.ApplyAsync(PlanActionKind.Create, desired)).Outcome);
        Assert.Equal("edited\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat README.md"));

        // A volume from before the marker existed carries no marker label: it counts as seeded.
        var other = _t.Desired("old");
        var old = DockerNames.WorkspaceVolume(other.Key);
        await _t.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = old, Labels = WorkspaceLabels.ForVolume(other, WorkspaceLabels.WorkspaceRole) });
        Assert.Equal(ApplyOutcome.Succeeded, (await _t.ApplyAsync(PlanActionKind.Create, other)).Outcome);
        Assert.Equal("missing\n", RuntimeTestContext.Exec(_t.ContainerName("old"), "[ -e README.md ] && echo present || echo missing"));
    }

    [Fact]
    public async Task A_failing_lifecycle_command_still_finishes_the_create_under_the_final_name()
    {
        var desired = _t.Desired() with { Commands = new LifecycleCommands(PostCreate: LifecycleCommand.FromShell("exit 4")) };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(("LifecycleCommandFailed", 4L), (result.Reason, result.ExitCode));
        var observed = await _t.ObserveOneAsync();
        Assert.Equal((_t.ContainerName(), desired.SpecHash), (observed.Name, observed.SpecHash));
    }

    /// <summary>A container as the create path leaves it before the rename: creating name, ownership labels, the desired hash.</summary>
    private async Task<string> CreateLeftoverAsync(DesiredWorkspace desired, bool started)
    {
        var mounts = WorkspaceMounts.Resolve(desired);
        await new VolumeEnsurer(_t.Client, new Engine.MutationCounter(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
            .EnsureAsync(desired, mounts, CancellationToken.None);
        var parameters = ContainerConfigBuilder.Build(desired, mounts);
        parameters.Name = DockerNames.CreatingContainer(desired.Key);
        var id = (await _t.Client.Containers.CreateContainerAsync(parameters)).ID;
        if (started)
        {
            await _t.Client.Containers.StartContainerAsync(id, new ContainerStartParameters());
        }

        return id;
    }
}
