using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>
/// Policy scheduled: running between the most recent start and the next stop, in the workspace's zone, across
/// DST changes. Boundaries are inclusive at the start: at 09:00:00 it runs, at 21:00:00 it is stopped.
/// </summary>
public sealed class ScheduledPowerTests
{
    private static readonly LifecycleSpec BerlinNightly = new(LifecyclePolicy.Scheduled, "Europe/Berlin", "0 30 2 * * ?", "0 0 12 * * ?");
    private static readonly LifecycleSpec BerlinWorkdays = new(LifecyclePolicy.Scheduled, "Europe/Berlin", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI");
    private static readonly LifecycleSpec NewYorkWorkdays = new(LifecyclePolicy.Scheduled, "America/New_York", "0 0 9 ? * MON-FRI", "0 0 17 ? * MON-FRI");

    public static TheoryData<string, string, DesiredPower, string> Table => new()
    {
        // Asia/Shanghai, UTC+8 all year. 2026-03-02 is a Monday.
        { "shanghai", "2026-03-02T00:59:59Z", DesiredPower.Stopped, "2026-03-02T01:00:00Z" },
        { "shanghai", "2026-03-02T01:00:00Z", DesiredPower.Running, "2026-03-02T13:00:00Z" },
        { "shanghai", "2026-03-02T12:59:59Z", DesiredPower.Running, "2026-03-02T13:00:00Z" },
        { "shanghai", "2026-03-02T13:00:00Z", DesiredPower.Stopped, "2026-03-03T01:00:00Z" },
        { "shanghai", "2026-03-06T14:00:00Z", DesiredPower.Stopped, "2026-03-09T01:00:00Z" },
        { "shanghai", "2026-03-07T05:00:00Z", DesiredPower.Stopped, "2026-03-09T01:00:00Z" },

        // Europe/Berlin spring forward, 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z): 02:30 does not exist and fires at
        // the end of the gap, 03:00 CEST. The stop at 12:00 is CEST, 10:00Z.
        { "berlin-nightly", "2026-03-29T00:59:59Z", DesiredPower.Stopped, "2026-03-29T01:00:00Z" },
        { "berlin-nightly", "2026-03-29T01:00:00Z", DesiredPower.Running, "2026-03-29T10:00:00Z" },
        { "berlin-nightly", "2026-03-28T12:00:00Z", DesiredPower.Stopped, "2026-03-29T01:00:00Z" },

        // Europe/Berlin fall back, 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z): 02:30 happens twice and fires at its
        // first occurrence (02:30 CEST, 00:30Z); the second (02:30 CET, 01:30Z) changes nothing. Stop 12:00 CET is 11:00Z.
        { "berlin-nightly", "2026-10-24T12:00:00Z", DesiredPower.Stopped, "2026-10-25T00:30:00Z" },
        { "berlin-nightly", "2026-10-25T00:30:00Z", DesiredPower.Running, "2026-10-25T11:00:00Z" },
        { "berlin-nightly", "2026-10-25T01:30:00Z", DesiredPower.Running, "2026-10-25T11:00:00Z" },

        // Workdays across the spring-forward weekend: Friday 21:00 CET is 20:00Z, Monday 09:00 CEST is 07:00Z.
        { "berlin-workdays", "2026-03-27T20:00:00Z", DesiredPower.Stopped, "2026-03-30T07:00:00Z" },
        { "berlin-workdays", "2026-03-30T07:00:00Z", DesiredPower.Running, "2026-03-30T19:00:00Z" },

        // Across the fall-back weekend: Friday 21:00 CEST is 19:00Z, Monday 09:00 CET is 08:00Z.
        { "berlin-workdays", "2026-10-23T19:00:00Z", DesiredPower.Stopped, "2026-10-26T08:00:00Z" },

        // America/New_York spring forward 2026-03-08: Friday 17:00 EST is 22:00Z, Monday 09:00 EDT is 13:00Z.
        { "new-york", "2026-03-06T21:59:59Z", DesiredPower.Running, "2026-03-06T22:00:00Z" },
        { "new-york", "2026-03-06T22:00:00Z", DesiredPower.Stopped, "2026-03-09T13:00:00Z" },
        { "new-york", "2026-03-09T13:00:00Z", DesiredPower.Running, "2026-03-09T21:00:00Z" },

        // ... and fall back 2026-11-01: Monday 09:00 EST is 14:00Z.
        { "new-york", "2026-10-30T21:00:00Z", DesiredPower.Stopped, "2026-11-02T14:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_state_and_next_transition_follow_the_calendar(string schedule, string now, DesiredPower state, string next)
    {
        var lifecycle = schedule switch
        {
            "shanghai" => Shanghai,
            "berlin-nightly" => BerlinNightly,
            "berlin-workdays" => BerlinWorkdays,
            _ => NewYorkWorkdays,
        };

        AssertDecision(Decide(lifecycle, Inputs(), now), state, next);
    }

    [Fact]
    public void The_reason_names_the_window()
    {
        var inside = Decide(Shanghai, Inputs(), "2026-03-02T05:00:00Z");
        var outside = Decide(Shanghai, Inputs(), "2026-03-02T14:00:00Z");

        Assert.Equal("scheduled: inside the window that opened at 2026-03-02T01:00:00Z", inside.Reason);
        Assert.Equal("scheduled: outside the window (closed at 2026-03-02T13:00:00Z)", outside.Reason);
    }

    [Fact]
    public void A_start_and_a_stop_at_the_same_instant_leave_it_stopped()
    {
        var same = new LifecycleSpec(LifecyclePolicy.Scheduled, "UTC", "0 0 9 * * ?", "0 0 9 * * ?");

        Assert.Equal(DesiredPower.Stopped, Decide(same, Inputs(), "2026-03-02T09:00:00Z").State);
        Assert.Equal(DesiredPower.Stopped, Decide(same, Inputs(), "2026-03-02T10:00:00Z").State);
    }

    [Fact]
    public void No_timezone_means_utc()
    {
        var utc = new LifecycleSpec(LifecyclePolicy.Scheduled, null, "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI");

        AssertDecision(Decide(utc, Inputs(), "2026-03-02T08:59:59Z"), DesiredPower.Stopped, "2026-03-02T09:00:00Z");
    }

    [Fact]
    public void A_monthly_schedule_is_found_across_a_long_look_back()
    {
        // Runs from the 1st at 08:00 to the 2nd at 08:00 UTC: on the 20th the last start is 19 days back.
        var monthly = new LifecycleSpec(LifecyclePolicy.Scheduled, "UTC", "0 0 8 1 * ?", "0 0 8 2 * ?");

        AssertDecision(Decide(monthly, Inputs(), "2026-03-20T00:00:00Z"), DesiredPower.Stopped, "2026-04-01T08:00:00Z");
        AssertDecision(Decide(monthly, Inputs(), "2026-04-01T20:00:00Z"), DesiredPower.Running, "2026-04-02T08:00:00Z");
    }
}
