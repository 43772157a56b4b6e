using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Planning;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>
/// The GPU step of a pass: holders of every repository, desired power, the assignment as a spec field, pending as a
/// plan outcome.
/// </summary>
public sealed class GpuPassAllocatorTests
{
    private static readonly IReadOnlyList<Core.Gpu.Inventory.GpuInventory> OneGpu = [Gpus.Host("default", 1)];

    private static DesiredWorkspace Wants(string name, int count = 1, PowerState power = PowerState.Running)
        => Compile.Workspace(name, spec: new WorkspaceSpec { Name = name, Gpu = new GpuSpec(GpuMode.Exclusive, count) }) with { Power = power };

    private static GpuHolder Holder(DesiredWorkspace desired, bool running = true, string id = "c1")
        => new(desired.Key, id, desired.Gpu!.Assignment!, running);

    private static GpuHolder Foreign(string repository, string workspace, string uuid, bool running = true)
        => new(new WorkspaceKey(repository, workspace), "x-" + workspace, new GpuAssignment($"{repository}/{workspace}", "default", GpuMode.Exclusive, [new AssignedGpu(uuid)]), running);

    [Fact]
    public void Two_workspaces_for_the_single_exclusive_gpu_one_is_assigned_the_other_pending_with_the_reason()
    {
        var result = GpuPassAllocator.Allocate([Wants("a"), Wants("b")], [], OneGpu);

        var (a, b) = (result.Workspaces[0], result.Workspaces[1]);
        Assert.Equal(["GPU-default-0"], a.Gpu!.Assignment!.Gpus.Select(g => g.DeviceUuid));
        Assert.Equal(GpuLabels.Format(a.Gpu.Assignment), a.Fields[GpuPassAllocator.Field]);
        Assert.Null(b.Gpu!.Assignment);
        Assert.Equal("needs 1 × GPU on one host; free: 0", b.Gpu.Pending);

        var plan = Planner.Plan(result.Workspaces, []);
        Assert.Equal([PlanActionKind.Create, PlanActionKind.Pending], plan.Actions.Select(x => x.Kind));
        Assert.Equal(["waiting for GPUs: needs 1 × GPU on one host; free: 0"], plan.Actions[1].Reasons);
        Assert.False(plan.Actions[1].IsMutating);
    }

    [Fact]
    public void An_observed_assignment_keeps_the_spec_hash_and_is_not_moved_by_a_new_request_listed_first()
    {
        var first = GpuPassAllocator.Allocate([Wants("b")], [], OneGpu).Workspaces[0];
        var created = Holder(first);

        var next = GpuPassAllocator.Allocate([Wants("a"), Wants("b")], [created], OneGpu);

        Assert.Equal(first.SpecHash, next.Workspaces[1].SpecHash);
        Assert.Equal(first.Gpu!.Assignment, next.Workspaces[1].Gpu!.Assignment);
        Assert.True(next.Workspaces[0].Gpu!.IsPending);
        var observed = new WorkspaceObservation("c1", "rc-b", first.Key, first.SpecHash, ObservedState.Running, "c1", DateTimeOffset.UnixEpoch, first.Fields);
        Assert.Equal(PlanActionKind.NoOp, Planner.Plan(next.Workspaces, [observed]).Actions.Single(x => x.Key.Workspace == "b").Kind);
    }

    [Fact]
    public void A_running_container_of_another_repository_holds_its_gpu_and_a_stopped_one_releases_it()
    {
        var held = GpuPassAllocator.Allocate([Wants("a")], [Foreign("github.com/other/repo", "w", "GPU-default-0")], OneGpu);
        var released = GpuPassAllocator.Allocate([Wants("a")], [Foreign("github.com/other/repo", "w", "GPU-default-0", running: false)], OneGpu);

        Assert.Equal("needs 1 × GPU on one host; free: 0", held.Workspaces[0].Gpu!.Pending);
        Assert.Equal("GPU-default-0", released.Workspaces[0].Gpu!.Assignment!.Gpus.Single().DeviceUuid);
    }

    [Fact]
    public void A_workspace_stopped_by_its_desired_power_releases_once_its_container_is_observed_stopped()
    {
        var a = GpuPassAllocator.Allocate([Wants("a")], [], OneGpu).Workspaces[0];
        var stopping = Wants("a", power: PowerState.Stopped);

        var whileRunning = GpuPassAllocator.Allocate([stopping, Wants("b")], [Holder(a)], OneGpu);
        var afterStop = GpuPassAllocator.Allocate([stopping, Wants("b")], [Holder(a, running: false)], OneGpu);

        Assert.True(whileRunning.Workspaces[1].Gpu!.IsPending);
        Assert.Equal(a.SpecHash, whileRunning.Workspaces[0].SpecHash);
        Assert.Equal(PlanActionKind.Stop, Planner.Plan(
            [whileRunning.Workspaces[0]],
            [new WorkspaceObservation("c1", "rc-a", a.Key, a.SpecHash, ObservedState.Running, "c1", DateTimeOffset.UnixEpoch, a.Fields)]).Actions[0].Kind);
        Assert.Equal("GPU-default-0", afterStop.Workspaces[1].Gpu!.Assignment!.Gpus.Single().DeviceUuid);
        Assert.Empty(afterStop.Pending);
    }

    [Fact]
    public void A_workspace_removed_from_the_file_holds_until_its_container_is_gone()
    {
        var a = GpuPassAllocator.Allocate([Wants("a")], [], OneGpu).Workspaces[0];

        Assert.True(GpuPassAllocator.Allocate([Wants("b")], [Holder(a)], OneGpu).Workspaces[0].Gpu!.IsPending);
        Assert.False(GpuPassAllocator.Allocate([Wants("b")], [], OneGpu).Workspaces[0].Gpu!.IsPending);
    }

    [Fact]
    public void A_changed_request_that_does_not_fit_keeps_the_gpus_its_running_container_holds()
    {
        var inventory = new[] { Gpus.Host("default", 2) };
        var a = GpuPassAllocator.Allocate([Wants("a")], [], inventory).Workspaces[0];
        var other = Foreign("github.com/other/repo", "w", "GPU-default-1");

        var result = GpuPassAllocator.Allocate([Wants("a", count: 2), Wants("b")], [Holder(a), other], inventory);

        Assert.Equal("needs 2 × GPU on one host; free: 1", result.Workspaces[0].Gpu!.Pending);
        Assert.Equal(a.SpecHash, result.Workspaces[0].SpecHash);
        Assert.Equal("needs 1 × GPU on one host; free: 0", result.Workspaces[1].Gpu!.Pending);
    }

    [Fact]
    public void Without_an_inventory_a_request_is_pending_and_an_optional_one_runs_without_a_gpu()
    {
        var optional = Compile.Workspace("o", spec: new WorkspaceSpec { Name = "o" }) with
        {
            Gpu = new WorkspaceGpu(new Core.Gpu.Requests.GpuRequest(GpuMode.Shared, 1, Optional: true)),
        };

        var result = GpuPassAllocator.Allocate([Wants("a"), optional], [], []);

        Assert.Equal("host 'default' has no GPU inventory", result.Workspaces[0].Gpu!.Pending);
        Assert.False(result.Workspaces[1].Gpu!.IsPending);
        Assert.Equal([PlanActionKind.Pending, PlanActionKind.Create], Planner.Plan(result.Workspaces, []).Actions.Select(x => x.Kind));
    }

    [Fact]
    public void The_devcontainer_host_requirement_compiles_to_a_request_and_is_no_longer_unsupported()
    {
        var config = Compile.Config() with { HostRequirements = new Core.Devcontainers.HostRequirements(null, null, null, new Core.Devcontainers.GpuRequirement(true)) };

        var desired = Compile.Workspace("d", config);

        Assert.Equal(new Core.Gpu.Requests.GpuRequest(GpuMode.Exclusive, 1), desired.Gpu!.Request);
        Assert.Empty(desired.Unsupported);
    }
}
