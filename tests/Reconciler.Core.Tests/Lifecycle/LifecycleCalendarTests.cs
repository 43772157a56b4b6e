using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Lifecycle.Power;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>The look-back search for the most recent fire, checked against Quartz's own backward search.</summary>
public sealed class LifecycleCalendarTests
{
    [Theory]
    [InlineData("0 0 9 ? * MON-FRI", "Asia/Shanghai", "2026-03-07T05:00:00Z", "2026-03-06T01:00:00Z")]
    [InlineData("0 0 9 ? * MON-FRI", "Asia/Shanghai", "2026-03-06T01:00:00Z", "2026-03-06T01:00:00Z")]
    [InlineData("0 0 9 ? * MON-FRI", "Asia/Shanghai", "2026-03-06T00:59:59.999Z", "2026-03-05T01:00:00Z")]
    [InlineData("0 30 2 * * ?", "Europe/Berlin", "2026-03-29T05:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("0 30 2 * * ?", "Europe/Berlin", "2026-10-25T05:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("0 0 8 1 JAN ?", "UTC", "2026-12-31T00:00:00Z", "2026-01-01T08:00:00Z")]
    public void The_most_recent_fire_at_or_before_an_instant(string expression, string zone, string instant, string expected)
    {
        var cron = Cron(expression, zone);

        Assert.Equal(At(expected), LifecycleCalendar.LastFireAtOrBefore(cron, At(instant)));
    }

    [Fact]
    public void A_fire_older_than_the_look_back_is_not_found()
    {
        var cron = Cron("0 0 8 1 1 ? 2025", "UTC");

        // The window is (instant - look-back, instant].
        Assert.Null(LifecycleCalendar.LastFireAtOrBefore(cron, At("2025-01-01T08:00:00Z") + LifecycleLimits.LookBack));
        Assert.Equal(At("2025-01-01T08:00:00Z"), LifecycleCalendar.LastFireAtOrBefore(cron, At("2025-01-01T08:00:00Z") + LifecycleLimits.LookBack - TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("0 0 9 ? * MON-FRI", "Asia/Shanghai")]
    [InlineData("0 30 2 * * ?", "Europe/Berlin")]
    [InlineData("0 0 21 ? * MON-FRI", "America/New_York")]
    [InlineData("0 15 10 ? * 6L", "Europe/Berlin")]
    [InlineData("0 0/20 * * * ?", "Europe/Berlin")]
    public void The_search_agrees_with_quartz_get_previous_valid_time_before(string expression, string zone)
    {
        var cron = Cron(expression, zone);
        var mismatches = new List<string>();
        for (var instant = At("2026-03-27T00:00:00Z"); instant < At("2026-04-02T00:00:00Z"); instant += TimeSpan.FromMinutes(37))
        {
            var ours = LifecycleCalendar.LastFireAtOrBefore(cron, instant);
            var quartz = cron.GetPreviousValidTimeBefore(instant + TimeSpan.FromSeconds(1));
            if (ours != quartz)
            {
                mismatches.Add($"{instant:O}: ours {ours:O}, Quartz {quartz:O}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public void At_a_fall_back_the_calendar_follows_the_chained_trigger_not_quartz_backward_search()
    {
        var daily = Cron("0 30 2 * * ?", "Europe/Berlin");
        var afterOverlap = At("2026-10-25T05:00:00Z");

        // A trigger chained from the first 02:30 (CEST, 00:30Z) fires next on the 26th; Quartz's backward search, and a
        // forward search begun inside the overlap, also name the second 02:30 (CET, 01:30Z).
        Assert.Equal(At("2026-10-26T01:30:00Z"), LifecycleCalendar.NextFireAfter(daily, At("2026-10-25T00:30:00Z")));
        Assert.Equal(At("2026-10-25T01:30:00Z"), daily.GetPreviousValidTimeBefore(afterOverlap));
        Assert.Equal(At("2026-10-25T00:30:00Z"), LifecycleCalendar.LastFireAtOrBefore(daily, afterOverlap));
    }

    [Fact]
    public void At_a_fall_back_an_interval_schedule_keeps_both_passes()
    {
        var every20 = Cron("0 0/20 * * * ?", "Europe/Berlin");

        Assert.Equal(At("2026-10-25T01:20:00Z"), LifecycleCalendar.LastFireAtOrBefore(every20, At("2026-10-25T01:25:00Z")));
        Assert.Equal(At("2026-10-25T00:40:00Z"), LifecycleCalendar.LastFireAtOrBefore(every20, At("2026-10-25T00:45:00Z")));
    }

    [Fact]
    public void An_invalid_lifecycle_is_refused_by_the_calculator()
    {
        var invalid = new LifecycleSpec(LifecyclePolicy.Scheduled, "Nowhere/Atlantis", "0 0 9 * * ?", "0 0 21 * * ?");

        Assert.Throws<ArgumentException>(() => PowerStateCalculator.Calculate(invalid, Inputs(), At("2026-03-02T00:00:00Z")));
    }

    private static Quartz.CronExpression Cron(string expression, string zone)
    {
        Assert.True(LifecycleCalendar.TryFindZone(zone, out var timeZone));
        Assert.True(LifecycleCalendar.TryParseCron(expression, timeZone, out var cron, out var error), error);
        return cron!;
    }
}
