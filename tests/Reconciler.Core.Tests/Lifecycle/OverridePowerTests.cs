using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>Wake requests and start/stop overrides: when they take effect, when they expire, and which one wins.</summary>
public sealed class OverridePowerTests
{
    private static readonly LifecycleSpec ShanghaiIdle2h = Shanghai with { IdleTimeout = TimeSpan.FromHours(2) };

    [Fact]
    public void A_weekend_wake_runs_until_the_next_boundary_and_into_mondays_window_without_a_gap()
    {
        var wake = Override(PowerOverrideKind.Wake, "2026-03-07T02:00:00Z");

        var decision = Decide(Shanghai, Inputs(overrides: wake), "2026-03-07T03:00:00Z");

        AssertDecision(decision, DesiredPower.Running, "2026-03-09T13:00:00Z");
        Assert.Equal("woken by alice at 2026-03-07T02:00:00Z until 2026-03-09T01:00:00Z", decision.Reason);
    }

    [Fact]
    public void A_wake_ends_at_its_own_expiry_when_that_comes_first()
    {
        var wake = Override(PowerOverrideKind.Wake, "2026-03-07T02:00:00Z", until: "2026-03-07T06:00:00Z");

        AssertDecision(Decide(Shanghai, Inputs(overrides: wake), "2026-03-07T05:59:59Z"), DesiredPower.Running, "2026-03-07T06:00:00Z");
        AssertDecision(Decide(Shanghai, Inputs(overrides: wake), "2026-03-07T06:00:00Z"), DesiredPower.Stopped, "2026-03-09T01:00:00Z");
    }

    [Fact]
    public void The_idle_timeout_applies_to_a_woken_workspace_counting_from_the_wake()
    {
        var wake = Override(PowerOverrideKind.Wake, "2026-03-07T02:00:00Z");

        AssertDecision(Decide(ShanghaiIdle2h, Inputs(overrides: wake), "2026-03-07T02:30:00Z"), DesiredPower.Running, "2026-03-07T04:00:00Z");
        AssertDecision(Decide(ShanghaiIdle2h, Inputs(lastActivity: "2026-03-07T03:00:00Z", overrides: wake), "2026-03-07T04:30:00Z"), DesiredPower.Running, "2026-03-07T05:00:00Z");
        AssertDecision(Decide(ShanghaiIdle2h, Inputs(overrides: wake), "2026-03-07T04:00:00Z"), DesiredPower.Stopped, "2026-03-09T01:00:00Z");
    }

    [Fact]
    public void A_stop_without_expiry_holds_until_the_next_boundary()
    {
        var stop = Override(PowerOverrideKind.Stop, "2026-03-02T03:00:00Z");

        var decision = Decide(Shanghai, Inputs(overrides: stop), "2026-03-02T04:00:00Z");

        // The next boundary is the 21:00 stop, after which the calendar says stopped anyway: Tuesday 09:00 starts it.
        AssertDecision(decision, DesiredPower.Stopped, "2026-03-03T01:00:00Z");
        Assert.Equal("stopped by alice at 2026-03-02T03:00:00Z until 2026-03-02T13:00:00Z", decision.Reason);
    }

    [Fact]
    public void A_stop_with_an_expiry_holds_across_boundaries()
    {
        var vacation = Override(PowerOverrideKind.Stop, "2026-03-02T03:00:00Z", until: "2026-03-11T00:00:00Z");

        AssertDecision(Decide(Shanghai, Inputs(overrides: vacation), "2026-03-04T05:00:00Z"), DesiredPower.Stopped, "2026-03-11T01:00:00Z");
        AssertDecision(Decide(Shanghai, Inputs(overrides: vacation), "2026-03-11T01:00:00Z"), DesiredPower.Running, "2026-03-11T13:00:00Z");
    }

    [Fact]
    public void A_start_override_ignores_idleness_until_it_expires()
    {
        var onDemand = new LifecycleSpec(LifecyclePolicy.OnDemand);
        var start = Override(PowerOverrideKind.Start, "2026-03-02T10:00:00Z", until: "2026-03-02T18:00:00Z", by: "ci");

        var decision = Decide(onDemand, Inputs(overrides: start), "2026-03-02T15:00:00Z");

        AssertDecision(decision, DesiredPower.Running, "2026-03-02T18:00:00Z");
        Assert.Equal("started by ci at 2026-03-02T10:00:00Z until 2026-03-02T18:00:00Z", decision.Reason);
    }

    [Theory]
    [InlineData(PowerOverrideKind.Stop, PowerOverrideKind.Wake, DesiredPower.Running)]
    [InlineData(PowerOverrideKind.Wake, PowerOverrideKind.Stop, DesiredPower.Stopped)]
    [InlineData(PowerOverrideKind.Start, PowerOverrideKind.Stop, DesiredPower.Stopped)]
    [InlineData(PowerOverrideKind.Stop, PowerOverrideKind.Start, DesiredPower.Running)]
    public void The_most_recent_request_wins(PowerOverrideKind first, PowerOverrideKind second, DesiredPower expected)
    {
        var onDemand = new LifecycleSpec(LifecyclePolicy.OnDemand);
        var requests = new[]
        {
            Override(second, "2026-03-02T10:05:00Z", by: "second"),
            Override(first, "2026-03-02T10:00:00Z", by: "first"),
        };

        var decision = Decide(onDemand, Inputs(overrides: requests), "2026-03-02T10:10:00Z");

        Assert.Equal(expected, decision.State);
        Assert.Contains("by second", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_recorded_for_later_takes_effect_only_then()
    {
        var later = Override(PowerOverrideKind.Stop, "2026-03-02T05:00:00Z");

        AssertDecision(Decide(Shanghai, Inputs(overrides: later), "2026-03-02T04:00:00Z"), DesiredPower.Running, "2026-03-02T05:00:00Z");
    }

    [Fact]
    public void An_expired_override_is_ignored()
    {
        var old = Override(PowerOverrideKind.Stop, "2026-03-02T02:00:00Z", until: "2026-03-02T03:00:00Z");

        Assert.Equal("scheduled: inside the window that opened at 2026-03-02T01:00:00Z", Decide(Shanghai, Inputs(overrides: old), "2026-03-02T04:00:00Z").Reason);
    }

    [Fact]
    public void A_wake_cannot_bring_back_a_deleted_workspace()
    {
        var ephemeral = new LifecycleSpec(LifecyclePolicy.Ephemeral, Ttl: TimeSpan.FromHours(8));
        var wake = Override(PowerOverrideKind.Wake, "2026-02-01T09:00:00Z");

        AssertDecision(Decide(ephemeral, Inputs(overrides: wake), "2026-02-01T09:30:00Z"), DesiredPower.Deleted, null);
    }
}
