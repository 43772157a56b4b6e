using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>Idle windows (persistent, on_demand, inside a schedule) and ttl expiry (ephemeral).</summary>
public sealed class IdleAndTtlPowerTests
{
    private static readonly LifecycleSpec Persistent2h = new(LifecyclePolicy.Persistent, IdleTimeout: TimeSpan.FromHours(2));
    private static readonly LifecycleSpec OnDemand = new(LifecyclePolicy.OnDemand);
    private static readonly LifecycleSpec Ephemeral8h = new(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(8));

    [Fact]
    public void Persistent_without_idle_timeout_always_runs()
    {
        var decision = Decide(new LifecycleSpec(), Inputs(), "2026-03-02T10:00:00Z");

        AssertDecision(decision, DesiredPower.Running, null);
        Assert.Equal("persistent", decision.Reason);
    }

    [Fact]
    public void Persistent_with_idle_timeout_stops_that_long_after_the_last_activity()
    {
        var inputs = Inputs(At("2026-03-02T00:00:00Z"), lastActivity: "2026-03-02T01:00:00Z");

        AssertDecision(Decide(Persistent2h, inputs, "2026-03-02T02:59:59Z"), DesiredPower.Running, "2026-03-02T03:00:00Z");
        var stopped = Decide(Persistent2h, inputs, "2026-03-02T03:00:00Z");
        AssertDecision(stopped, DesiredPower.Stopped, null);
        Assert.Equal("idle since 2026-03-02T01:00:00Z (idleTimeout 2h); stopped until woken", stopped.Reason);
    }

    [Fact]
    public void Persistent_without_activity_counts_idleness_from_creation()
    {
        AssertDecision(Decide(Persistent2h, Inputs(At("2026-03-02T00:00:00Z")), "2026-03-02T01:00:00Z"), DesiredPower.Running, "2026-03-02T02:00:00Z");
    }

    [Fact]
    public void An_idle_stopped_persistent_workspace_runs_again_when_woken()
    {
        var inputs = Inputs(At("2026-03-02T00:00:00Z"), lastActivity: "2026-03-02T01:00:00Z", Override(PowerOverrideKind.Wake, "2026-03-02T09:00:00Z"));

        AssertDecision(Decide(Persistent2h, inputs, "2026-03-02T09:00:00Z"), DesiredPower.Running, "2026-03-02T11:00:00Z");
    }

    [Fact]
    public void On_demand_is_stopped_until_woken_and_activity_alone_does_not_wake_it()
    {
        var decision = Decide(OnDemand, Inputs(lastActivity: "2026-03-02T09:59:00Z"), "2026-03-02T10:00:00Z");

        AssertDecision(decision, DesiredPower.Stopped, null);
        Assert.Equal("on_demand: not woken", decision.Reason);
    }

    [Fact]
    public void On_demand_stops_after_the_default_30_minutes_idle()
    {
        var wake = Override(PowerOverrideKind.Wake, "2026-03-02T10:00:00Z");

        AssertDecision(Decide(OnDemand, Inputs(overrides: wake), "2026-03-02T10:00:00Z"), DesiredPower.Running, "2026-03-02T10:30:00Z");
        AssertDecision(Decide(OnDemand, Inputs(lastActivity: "2026-03-02T10:20:00Z", overrides: wake), "2026-03-02T10:40:00Z"), DesiredPower.Running, "2026-03-02T10:50:00Z");
        AssertDecision(Decide(OnDemand, Inputs(lastActivity: "2026-03-02T10:20:00Z", overrides: wake), "2026-03-02T10:50:00Z"), DesiredPower.Stopped, null);
    }

    [Fact]
    public void On_demand_uses_its_own_idle_timeout_when_set()
    {
        var wake = Override(PowerOverrideKind.Wake, "2026-03-02T10:00:00Z");

        AssertDecision(Decide(OnDemand with { IdleTimeout = TimeSpan.FromMinutes(5) }, Inputs(overrides: wake), "2026-03-02T10:01:00Z"), DesiredPower.Running, "2026-03-02T10:05:00Z");
    }

    [Fact]
    public void Inside_a_window_idleness_counts_from_the_window_start_not_from_stale_activity()
    {
        var lifecycle = Shanghai with { IdleTimeout = TimeSpan.FromHours(2) };
        var fridayActivity = Inputs(lastActivity: "2026-02-27T12:00:00Z");

        AssertDecision(Decide(lifecycle, fridayActivity, "2026-03-02T02:59:59Z"), DesiredPower.Running, "2026-03-02T03:00:00Z");
        AssertDecision(Decide(lifecycle, fridayActivity, "2026-03-02T03:00:00Z"), DesiredPower.Stopped, "2026-03-03T01:00:00Z");
    }

    [Fact]
    public void Ephemeral_runs_until_its_ttl_then_is_deleted_with_its_volumes()
    {
        var created = At("2026-03-02T00:00:00Z");

        var running = Decide(Ephemeral8h, Inputs(created), "2026-03-02T07:59:59Z");
        AssertDecision(running, DesiredPower.Running, "2026-03-02T08:00:00Z", DesiredPower.Deleted);
        Assert.False(running.DeleteVolumes);

        var deleted = Decide(Ephemeral8h, Inputs(created), "2026-03-02T08:00:00Z");
        AssertDecision(deleted, DesiredPower.Deleted, null);
        Assert.True(deleted.DeleteVolumes);
        Assert.Equal("ephemeral: ttl 8h after creation expired at 2026-03-02T08:00:00Z", deleted.Reason);
    }

    [Fact]
    public void Ephemeral_with_keep_volumes_is_deleted_without_them()
    {
        var deleted = Decide(Ephemeral8h with { KeepVolumes = true }, Inputs(At("2026-03-02T00:00:00Z")), "2026-03-03T00:00:00Z");

        Assert.Equal(DesiredPower.Deleted, deleted.State);
        Assert.False(deleted.DeleteVolumes);
    }

    [Fact]
    public void Ephemeral_with_idle_timeout_stops_when_idle_and_is_still_deleted_at_its_ttl()
    {
        var lifecycle = Ephemeral8h with { IdleTimeout = TimeSpan.FromHours(1) };
        var created = At("2026-03-02T00:00:00Z");

        AssertDecision(Decide(lifecycle, Inputs(created, "2026-03-02T02:00:00Z"), "2026-03-02T03:00:00Z"), DesiredPower.Stopped, "2026-03-02T08:00:00Z", DesiredPower.Deleted);
    }
}
