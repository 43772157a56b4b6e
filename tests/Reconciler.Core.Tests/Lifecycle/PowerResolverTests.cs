using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Planning;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>The pass step between observe and plan: power from the lifecycle, and the planner's answer to it.</summary>
public sealed class PowerResolverTests
{
    private static DesiredWorkspace Workspace(string name, LifecycleSpec lifecycle)
        => Compile.Workspace(name, spec: new WorkspaceSpec { Name = name, Lifecycle = lifecycle });

    private static WorkspaceObservation Observed(DesiredWorkspace desired, ObservedState state, DateTimeOffset created)
        => new("id-" + desired.Key.Workspace, "rc-" + desired.Key.Workspace, desired.Key, desired.SpecHash, state, desired.Commit, created, desired.Fields);

    [Fact]
    public void Scheduled_workspace_outside_its_window_is_stopped_and_the_planner_stops_it_without_recreating()
    {
        var web = Workspace("web", Shanghai);

        // Saturday 2026-03-07 10:00 Shanghai: outside Mon–Fri 09:00–21:00.
        var resolved = Assert.Single(PowerResolver.Resolve([web], [Observed(web, ObservedState.Running, Created)], null, At("2026-03-07T02:00:00Z")));
        var plan = Planner.Plan([resolved], [Observed(web, ObservedState.Running, Created)]);

        Assert.Equal(PowerState.Stopped, resolved.Power);
        Assert.Equal(web.SpecHash, resolved.SpecHash);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(PlanActionKind.Stop, action.Kind);
        Assert.Contains(action.Reasons, r => r.StartsWith("lifecycle: scheduled: outside the window", StringComparison.Ordinal));
        Assert.Equal(At("2026-03-09T01:00:00Z"), resolved.PowerDecision!.Next!.At);
    }

    [Fact]
    public void Scheduled_workspace_inside_its_window_is_started_when_stopped()
    {
        var web = Workspace("web", Shanghai);
        var stopped = Observed(web, ObservedState.Stopped, Created);

        var resolved = PowerResolver.Resolve([web], [stopped], null, At("2026-03-09T02:00:00Z"));

        Assert.Equal(PowerState.Running, Assert.Single(resolved).Power);
        Assert.Equal(PlanActionKind.Start, Assert.Single(Planner.Plan(resolved, [stopped]).Actions).Kind);
    }

    [Fact]
    public void On_demand_workspace_is_created_stopped_and_a_recorded_wake_runs_it()
    {
        var notebook = Workspace("notebook", new LifecycleSpec(LifecyclePolicy.OnDemand));
        var now = At("2026-03-09T02:00:00Z");

        var unwoken = Assert.Single(PowerResolver.Resolve([notebook], [], null, now));
        var create = Assert.Single(Planner.Plan([unwoken], []).Actions);
        var records = new Dictionary<WorkspaceKey, PowerRecord>
        {
            [notebook.Key] = new([Override(PowerOverrideKind.Wake, "2026-03-09T01:50:00Z")]),
        };
        var woken = Assert.Single(PowerResolver.Resolve([notebook], [Observed(notebook, ObservedState.Stopped, Created)], records, now));

        Assert.Equal(PowerState.Stopped, unwoken.Power);
        Assert.Equal(PlanActionKind.Create, create.Kind);
        Assert.Contains("created stopped: on_demand: not woken", create.Reasons);
        Assert.Equal(PowerState.Running, woken.Power);
        Assert.Equal(At("2026-03-09T02:20:00Z"), woken.PowerDecision!.Next!.At);
    }

    [Fact]
    public void Ttl_counts_from_the_observed_creation_and_an_expired_ephemeral_workspace_is_removed_with_its_volumes()
    {
        var scratch = Workspace("scratch", new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(1)));
        var observed = Observed(scratch, ObservedState.Running, At("2026-03-09T00:00:00Z"));

        var before = Assert.Single(PowerResolver.Resolve([scratch], [observed], null, At("2026-03-09T00:59:59Z")));
        var after = Assert.Single(PowerResolver.Resolve([scratch], [observed], null, At("2026-03-09T01:00:00Z")));
        var remove = Assert.Single(Planner.Plan([after], [observed]).Actions);

        Assert.Equal(PowerState.Running, before.Power);
        Assert.False(before.Expired);
        Assert.True(after.Expired);
        Assert.Equal(PowerState.Stopped, after.Power);
        Assert.Equal(PlanActionKind.Remove, remove.Kind);
        Assert.True(remove.DeleteVolumes);
        Assert.Contains("volumes deleted", remove.Reasons);
    }

    [Fact]
    public void Keep_volumes_keeps_them_on_expiry()
    {
        var scratch = Workspace("scratch", new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(1), KeepVolumes: true));
        var observed = Observed(scratch, ObservedState.Running, At("2026-03-09T00:00:00Z"));

        var remove = Assert.Single(Planner.Plan(PowerResolver.Resolve([scratch], [observed], null, At("2026-03-09T02:00:00Z")), [observed]).Actions);

        Assert.Equal(PlanActionKind.Remove, remove.Kind);
        Assert.False(remove.DeleteVolumes);
        Assert.Contains("volumes kept (keepVolumes)", remove.Reasons);
    }

    [Fact]
    public void A_recorded_expiry_is_terminal_even_when_no_container_is_left()
    {
        var scratch = Workspace("scratch", new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(1)));
        var records = new Dictionary<WorkspaceKey, PowerRecord>
        {
            [scratch.Key] = new([Override(PowerOverrideKind.Wake, "2026-03-09T05:00:00Z")], ExpiredAt: At("2026-03-09T01:00:00Z")),
        };

        var resolved = Assert.Single(PowerResolver.Resolve([scratch], [], records, At("2026-03-09T06:00:00Z")));
        var action = Assert.Single(Planner.Plan([resolved], []).Actions);

        Assert.True(resolved.Expired);
        Assert.Equal(PlanActionKind.NoOp, action.Kind);
    }

    [Fact]
    public void Recorded_activity_keeps_an_idle_timeout_from_stopping_a_persistent_workspace()
    {
        var web = Workspace("web", new LifecycleSpec(IdleTimeout: TimeSpan.FromMinutes(30)));
        var observed = Observed(web, ObservedState.Running, At("2026-03-09T00:00:00Z"));
        var busy = new Dictionary<WorkspaceKey, PowerRecord> { [web.Key] = new([], LastActivityAt: At("2026-03-09T00:50:00Z")) };

        var idle = Assert.Single(PowerResolver.Resolve([web], [observed], null, At("2026-03-09T01:00:00Z")));
        var active = Assert.Single(PowerResolver.Resolve([web], [observed], busy, At("2026-03-09T01:00:00Z")));

        Assert.Equal(PowerState.Stopped, idle.Power);
        Assert.Equal(PowerState.Running, active.Power);
        Assert.Equal(At("2026-03-09T01:20:00Z"), active.PowerDecision!.Next!.At);
    }
}
