using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Planning;

public sealed class SelfHealTests
{
    private static DesiredWorkspace Web(bool selfHeal) => Compile.Workspace("web", spec: new WorkspaceSpec { Name = "web", SelfHeal = selfHeal });

    private static WorkspaceObservation Stopped(DesiredWorkspace desired)
        => new("id", "rc-web", desired.Key, desired.SpecHash, ObservedState.Stopped, desired.Commit, DateTimeOffset.UnixEpoch, desired.Fields);

    [Fact]
    public void Drift_is_repaired_by_default()
    {
        var web = Web(selfHeal: true);

        Assert.Equal(PlanActionKind.Start, Assert.Single(Planner.Plan([web], [Stopped(web)], atAppliedCommit: true).Actions).Kind);
        Assert.Equal(PlanActionKind.Create, Assert.Single(Planner.Plan([web], [], atAppliedCommit: true).Actions).Kind);
    }

    [Fact]
    public void With_self_heal_off_a_stopped_or_removed_container_is_left_alone_at_the_applied_commit()
    {
        var web = Web(selfHeal: false);

        var stopped = Assert.Single(Planner.Plan([web], [Stopped(web)], atAppliedCommit: true).Actions);
        var removed = Assert.Single(Planner.Plan([web], [], atAppliedCommit: true).Actions);

        Assert.Equal(PlanActionKind.NoOp, stopped.Kind);
        Assert.Contains("selfHeal is off", stopped.Reasons[0], StringComparison.Ordinal);
        Assert.Equal(PlanActionKind.NoOp, removed.Kind);
    }

    [Fact]
    public void With_self_heal_off_a_lifecycle_start_still_starts()
    {
        var lifecycle = new LifecycleSpec(LifecyclePolicy.Scheduled, "UTC", "0 0 9 * * ?", "0 0 21 * * ?");
        var web = Compile.Workspace("web", spec: new WorkspaceSpec { Name = "web", SelfHeal = false, Lifecycle = lifecycle });
        var inside = Core.Lifecycle.PowerResolver.Resolve([web], [Stopped(web)], null, new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero));

        var action = Assert.Single(Planner.Plan(inside, [Stopped(web)], atAppliedCommit: true).Actions);

        Assert.Equal(PlanActionKind.Start, action.Kind);
    }

    [Fact]
    public void With_self_heal_off_a_new_commit_still_converges()
    {
        var web = Web(selfHeal: false);

        Assert.Equal(PlanActionKind.Start, Assert.Single(Planner.Plan([web], [Stopped(web)], atAppliedCommit: false).Actions).Kind);
        Assert.Equal(PlanActionKind.Create, Assert.Single(Planner.Plan([web], [], atAppliedCommit: false).Actions).Kind);
    }

    [Fact]
    public void Self_heal_is_read_from_the_file_and_inherited_from_defaults()
    {
        var parsed = WorkspaceFileParser.Parse("version: 1\ndefaults:\n  selfHeal: false\nworkspaces:\n  - name: a\n  - name: b\n    selfHeal: true\n", "w.yaml");

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        Assert.False(parsed.Value!.Workspaces[0].SelfHeal);
        Assert.True(parsed.Value.Workspaces[1].SelfHeal);
    }
}
