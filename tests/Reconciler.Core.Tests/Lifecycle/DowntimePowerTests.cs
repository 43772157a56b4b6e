using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Lifecycle;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>
/// After downtime the state is recomputed, not replayed: whatever the worker saw before, the answer at an instant
/// depends only on the inputs and that instant.
/// </summary>
public sealed class DowntimePowerTests
{
    [Fact]
    public void Down_across_a_stop_boundary_comes_back_stopped()
    {
        var clock = new FakeTimeProvider(At("2026-03-02T12:00:00Z"));
        Assert.Equal(DesiredPower.Running, PowerStateCalculator.Calculate(Shanghai, Inputs(), clock).State);

        clock.Advance(TimeSpan.FromHours(2));

        AssertDecision(PowerStateCalculator.Calculate(Shanghai, Inputs(), clock), DesiredPower.Stopped, "2026-03-03T01:00:00Z");
    }

    [Fact]
    public void Down_across_a_stop_and_the_next_start_comes_back_running_not_toggled()
    {
        var clock = new FakeTimeProvider(At("2026-03-02T12:00:00Z"));
        Assert.Equal(DesiredPower.Running, PowerStateCalculator.Calculate(Shanghai, Inputs(), clock).State);

        clock.Advance(TimeSpan.FromHours(14));

        var decision = PowerStateCalculator.Calculate(Shanghai, Inputs(), clock);
        AssertDecision(decision, DesiredPower.Running, "2026-03-03T13:00:00Z");
        Assert.Equal("scheduled: inside the window that opened at 2026-03-03T01:00:00Z", decision.Reason);
    }

    [Fact]
    public void Watching_every_minute_and_waking_once_give_the_same_answers()
    {
        var clock = new FakeTimeProvider(At("2026-03-06T00:00:00Z"));
        var transitions = new List<DateTimeOffset>();
        var previous = PowerStateCalculator.Calculate(Shanghai, Inputs(), clock).State;
        var checkpoints = new Dictionary<DateTimeOffset, DesiredPower>();
        for (var minute = 1; minute <= 4 * 24 * 60; minute++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var state = PowerStateCalculator.Calculate(Shanghai, Inputs(), clock).State;
            if (state != previous)
            {
                transitions.Add(clock.GetUtcNow());
            }

            previous = state;
            if (minute % 997 == 0)
            {
                checkpoints[clock.GetUtcNow()] = state;
            }
        }

        // Friday start 01:00Z, Friday stop 13:00Z, Monday start 01:00Z, Monday stop 13:00Z.
        Assert.Equal([At("2026-03-06T01:00:00Z"), At("2026-03-06T13:00:00Z"), At("2026-03-09T01:00:00Z"), At("2026-03-09T13:00:00Z")], transitions);
        Assert.NotEmpty(checkpoints);
        Assert.All(checkpoints, c => Assert.Equal(c.Value, PowerStateCalculator.Calculate(Shanghai, Inputs(), c.Key).State));
    }
}
