using Quartz;
using Reconciler.Core.Lifecycle;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>
/// Every vector of the cron fixture, asserted through the same calls the lifecycle calendar makes
/// (<see cref="LifecycleCalendar.TryParseCron"/> and <see cref="LifecycleCalendar.NextFireAfter"/>): proves our use of
/// Quartz — zone passed at construction, strict "after" — matches what Quartz.NET's own tests expect.
/// </summary>
public sealed class QuartzCronVectorTests
{
    /// <summary>"local" vectors are read in one fixed zone without DST, as the fixture says to.</summary>
    private static readonly TimeZoneInfo Fixed = TimeZoneInfo.Utc;

    [Fact]
    public void Next_fire_times_match_the_exact_instants_of_section_1()
    {
        var rows = CronVectorTable.Section(1);
        Assert.Equal(13, rows.Count);
        DateTimeOffset? previous = null;
        foreach (var row in rows)
        {
            var zone = ZoneOf(row[1]);
            var after = row[2].StartsWith("the result of", StringComparison.Ordinal) ? previous!.Value : CronVectorTable.Instant(row[2], zone);
            var expected = CronVectorTable.Instant(row[3], zone);

            var next = LifecycleCalendar.NextFireAfter(Parse(CronVectorTable.Code(row[1]), zone), after);

            Assert.True(next == expected, $"#{row[0]} {row[1]} after {after:O}: expected {expected:O}, got {next:O}");
            previous = next;
        }
    }

    [Fact]
    public void Next_fire_dates_match_section_2()
    {
        var rows = CronVectorTable.Section(2);
        Assert.Equal(10, rows.Count);
        foreach (var row in rows)
        {
            var after = CronVectorTable.Instant(row[2], Fixed);
            var expected = CronVectorTable.Instant(row[3], Fixed);

            var next = LifecycleCalendar.NextFireAfter(Parse(CronVectorTable.Code(row[1]), Fixed), after);

            Assert.True(next?.Date == expected.Date, $"#{row[0]} {row[1]} after {after:O}: expected {expected:yyyy-MM-dd}, got {next:O}");
        }
    }

    /// <summary>
    /// A textual day-of-week with a step (<c>FRI/2</c>) meant "every second week" in Quartz.NET 3.x, which is what the
    /// fixture's vectors were written for. Quartz.NET 4.1 re-read it as a step through the week like its numeric twin
    /// <c>6/2</c> (quartznet/quartznet#3732, PR #3733): Friday, then no day up to Saturday, so every Friday. Those two
    /// rows are asserted with the 4.x meaning, and the fixture is checked to still list the 3.x days, so the
    /// divergence stays visible instead of being silently "fixed" in either place.
    /// </summary>
    private static readonly Dictionary<string, (string Fixture, int[] Quartz4)> DayOfWeekStepRows = new(StringComparer.Ordinal)
    {
        ["0 0 12 ? * FRI/2"] = ("1,15,29", [1, 8, 15, 22, 29]),
        ["0 0 12 ? * THU,FRI/2"] = ("1,14,15,28,29", [1, 7, 8, 14, 15, 21, 22, 28, 29]),
    };

    [Fact]
    public void Fire_days_in_june_2007_match_section_3()
    {
        var rows = CronVectorTable.Section(3);
        Assert.Equal(5, rows.Count);
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            var expression = CronVectorTable.Code(row[0]);
            var listed = row[1].Split('(')[0].Trim();
            var expected = listed.Split(',').Select(d => int.Parse(d.Trim(), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            if (DayOfWeekStepRows.TryGetValue(expression, out var step))
            {
                Assert.Equal(step.Fixture, listed);
                expected = [.. step.Quartz4];
            }

            var days = FireDaysInJune2007(Parse(expression, Fixed));
            if (!expected.SequenceEqual(days))
            {
                mismatches.Add($"{expression}: expected {string.Join(',', expected)}, got {string.Join(',', days)}");
            }
        }

        Assert.Empty(mismatches);
    }

    /// <summary>The fixture's helper: 30 chained fires from 2007-06-01 11:00, the days that fall in June 2007.</summary>
    private static SortedSet<int> FireDaysInJune2007(CronExpression cron)
    {
        var days = new SortedSet<int>();
        var cursor = new DateTimeOffset(2007, 6, 1, 11, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 30 && LifecycleCalendar.NextFireAfter(cron, cursor) is { } next; i++, cursor = next)
        {
            if (next is { Year: 2007, Month: 6 })
            {
                days.Add(next.Day);
            }
        }

        return days;
    }

    [Fact]
    public void Rejections_and_their_messages_match_section_4()
    {
        var rows = CronVectorTable.Section(4);
        Assert.Equal(7, rows.Count);
        foreach (var row in rows)
        {
            var expression = CronVectorTable.Code(row[0]);
            var parsed = LifecycleCalendar.TryParseCron(expression, Fixed, out _, out var error);
            var rule = row[1];
            var asserted = rule.Split('`').ElementAtOrDefault(1) ?? "";
            if (rule.StartsWith("must NOT throw", StringComparison.Ordinal))
            {
                Assert.True(parsed, $"{expression}: {error}");
                continue;
            }

            Assert.False(parsed, expression + " should be rejected");
            var ok = rule switch
            {
                _ when rule.StartsWith("equals", StringComparison.Ordinal) => error == asserted,
                _ when rule.StartsWith("starts with", StringComparison.Ordinal) => error.StartsWith(asserted, StringComparison.Ordinal),
                _ when rule.StartsWith("contains", StringComparison.Ordinal) => error.Contains(asserted, StringComparison.Ordinal),
                _ => rule.StartsWith("throws at parse time", StringComparison.Ordinal),
            };
            Assert.True(ok, $"{expression}: rule '{rule}', message '{error}'");
        }
    }

    [Fact]
    public void The_fixture_is_read_completely()
    {
        var count = Enumerable.Range(1, 4).Sum(section => CronVectorTable.Section(section).Count);

        Assert.Equal(13 + 10 + 5 + 7, count);
    }

    private static CronExpression Parse(string expression, TimeZoneInfo zone)
    {
        Assert.True(LifecycleCalendar.TryParseCron(expression, zone, out var cron, out var error), $"{expression}: {error}");
        return cron!;
    }

    /// <summary>
    /// The zone a vector states; "Eastern Standard Time" (a Windows id, which needs ICU to resolve on Linux) is
    /// America/New_York, the IANA zone it maps to. Without a stated zone: the fixed zone.
    /// </summary>
    private static TimeZoneInfo ZoneOf(string expressionCell)
    {
        if (expressionCell.Contains("\"Eastern Standard Time\"", StringComparison.Ordinal))
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        }

        return Fixed;
    }
}
