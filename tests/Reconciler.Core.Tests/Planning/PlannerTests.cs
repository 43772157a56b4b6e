using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Planning;

public sealed class PlannerTests
{
    private static WorkspaceObservation Observed(DesiredWorkspace desired, ObservedState state = ObservedState.Running, string? id = null, DateTimeOffset? created = null)
        => new(id ?? "id-" + desired.Key.Workspace, "rc-" + desired.Key.Workspace, desired.Key, desired.SpecHash, state, desired.Commit, created ?? DateTimeOffset.UnixEpoch, desired.Fields);

    [Fact]
    public void New_workspace_is_created()
    {
        var plan = Planner.Plan([Compile.Workspace("web")], []);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(PlanActionKind.Create, action.Kind);
        Assert.Equal(["new workspace"], action.Reasons);
    }

    [Fact]
    public void Converged_workspace_is_a_no_op_and_plan_has_no_changes()
    {
        var web = Compile.Workspace("web");

        var plan = Planner.Plan([web], [Observed(web)]);

        Assert.Equal(PlanActionKind.NoOp, Assert.Single(plan.Actions).Kind);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void New_commit_with_same_spec_is_a_no_op()
    {
        var before = Compile.Workspace("web", commit: "c1");
        var after = Compile.Workspace("web", commit: "c2");

        var plan = Planner.Plan([after], [Observed(before)]);

        Assert.Equal(PlanActionKind.NoOp, Assert.Single(plan.Actions).Kind);
    }

    [Fact]
    public void Changed_env_recreates_and_names_the_field()
    {
        var before = Compile.Workspace("web", Compile.Config(env: new Dictionary<string, string> { ["FOO"] = "1", ["BAR"] = "x" }));
        var after = Compile.Workspace("web", Compile.Config(env: new Dictionary<string, string> { ["FOO"] = "2", ["BAR"] = "x", ["NEW"] = "y" }));

        var action = Assert.Single(Planner.Plan([after], [Observed(before)]).Actions);

        Assert.Equal(PlanActionKind.Recreate, action.Kind);
        Assert.Equal(["containerEnv.FOO changed", "containerEnv.NEW added"], action.Reasons);
    }

    [Fact]
    public void Stopped_container_is_started()
    {
        var web = Compile.Workspace("web");

        var action = Assert.Single(Planner.Plan([web], [Observed(web, ObservedState.Stopped)]).Actions);

        Assert.Equal(PlanActionKind.Start, action.Kind);
    }

    [Fact]
    public void Workspace_gone_from_the_file_is_removed_and_volumes_kept_by_default()
    {
        var old = Compile.Workspace("old");

        var action = Assert.Single(Planner.Plan([], [Observed(old)]).Actions);

        Assert.Equal(PlanActionKind.Remove, action.Kind);
        Assert.Contains("volumes kept", action.Reasons[0], StringComparison.Ordinal);
        Assert.Contains("volumes deleted", Assert.Single(Planner.Plan([], [Observed(old)], pruneVolumes: true).Actions).Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_capability_blocks_and_leaves_the_existing_container()
    {
        var spec = new WorkspaceSpec { Name = "gpu", Deployment = DeploymentKind.Vm, Gpu = new GpuSpec(GpuMode.Exclusive, 2) };
        var running = Compile.Workspace("gpu");
        var blocked = Compile.Workspace("gpu", spec: spec);

        var action = Assert.Single(Planner.Plan([blocked], [Observed(running)]).Actions);

        Assert.Equal(PlanActionKind.Blocked, action.Kind);
        Assert.False(action.IsMutating);
        Assert.Contains(action.Reasons, r => r.StartsWith("not supported yet: deployment vm", StringComparison.Ordinal));
        Assert.DoesNotContain(action.Reasons, r => r.Contains("GPU", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicates_left_by_a_crash_keep_the_matching_one_and_remove_the_rest()
    {
        var web = Compile.Workspace("web");
        var stale = Observed(Compile.Workspace("web", Compile.Config("other:1")), id: "stale", created: DateTimeOffset.UnixEpoch.AddDays(2));
        var good = Observed(web, id: "good", created: DateTimeOffset.UnixEpoch.AddDays(1));

        var plan = Planner.Plan([web], [stale, good]);

        Assert.Equal(2, plan.Actions.Count);
        Assert.Equal(PlanActionKind.NoOp, plan.Actions[0].Kind);
        Assert.Equal("good", plan.Actions[0].Observed!.Id);
        Assert.Equal(PlanActionKind.Remove, plan.Actions[1].Kind);
        Assert.Equal("stale", plan.Actions[1].Observed!.Id);
    }

    [Fact]
    public void Plan_order_is_stable_whatever_the_input_order()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"w{i:D2}").ToList();
        var forward = Planner.Plan(names.Select(n => Compile.Workspace(n)).ToList(), []);
        var backward = Planner.Plan(names.AsEnumerable().Reverse().Select(n => Compile.Workspace(n)).ToList(), []);

        Assert.Equal(forward.Actions.Select(a => a.Key.Workspace), backward.Actions.Select(a => a.Key.Workspace));
        Assert.Equal(names, forward.Actions.Select(a => a.Key.Workspace));
    }
}
