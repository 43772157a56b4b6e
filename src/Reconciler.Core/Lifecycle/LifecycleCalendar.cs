using System.Text.RegularExpressions;
using Quartz;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Lifecycle;

/// <summary>
/// The <c>start</c>/<c>stop</c> Quartz cron expressions of a workspace, resolved in its lifecycle time zone.
/// Quartz owns the calendar arithmetic, daylight saving included: a wall-clock time a spring-forward gap
/// swallows fires at the end of the gap, and one a fall-back repeats fires at its first occurrence.
/// </summary>
internal sealed partial class LifecycleCalendar
{
    /// <summary>Twice the largest daylight-saving shift any zone has used (2h), plus slack.</summary>
    private static readonly TimeSpan ChainAnchor = TimeSpan.FromHours(6);

    private const int MaxChainSteps = 2_000;

    private LifecycleCalendar(TimeZoneInfo zone, CronExpression? start, CronExpression? stop)
    {
        Zone = zone;
        Start = start;
        Stop = stop;
    }

    public TimeZoneInfo Zone { get; }

    public CronExpression? Start { get; }

    public CronExpression? Stop { get; }

    /// <summary>The calendar of a validated lifecycle; throws <see cref="ArgumentException"/> for one that is not valid.</summary>
    public static LifecycleCalendar For(LifecycleSpec spec)
    {
        if (!TryFindZone(spec.Timezone, out var zone))
        {
            throw new ArgumentException($"unknown time zone '{spec.Timezone}'", nameof(spec));
        }

        return new LifecycleCalendar(zone, Parse(spec.Start, zone), Parse(spec.Stop, zone));

        static CronExpression? Parse(string? text, TimeZoneInfo zone)
        {
            if (text is null)
            {
                return null;
            }

            return TryParseCron(text, zone, out var cron, out var error) ? cron : throw new ArgumentException(error, nameof(spec));
        }
    }

    /// <summary>An IANA zone id (<c>Asia/Shanghai</c>); null means UTC.</summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (id is null)
        {
            return true;
        }

        // The id becomes a path under the zoneinfo directory on Linux: refuse anything that is not a zone name.
        if (id.Length > 64 || !ZoneId().IsMatch(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Parses with Quartz; <paramref name="error"/> is Quartz's own message when it fails.</summary>
    public static bool TryParseCron(string text, TimeZoneInfo zone, out CronExpression? cron, out string error)
    {
        cron = null;
        error = "";
        try
        {
            cron = new CronExpression(text, zone);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Quartz is third-party code reading user input: anything it throws is a message for the user.
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Strictly after <paramref name="instant"/>, as Quartz computes it; null when the expression never fires again.</summary>
    public static DateTimeOffset? NextFireAfter(CronExpression cron, DateTimeOffset instant) => cron.GetNextValidTimeAfter(instant);

    /// <summary>
    /// The latest fire time at or before <paramref name="instant"/> and after <c>instant - </c><see cref="LifecycleLimits.LookBack"/>;
    /// null when there is none in that window. Computed from Quartz's forward search only: "first fire after x" is
    /// non-decreasing in x, so a binary search over whole seconds finds the largest x whose next fire is still at
    /// or before the instant, and that fire is the answer (about 25 Quartz calls, whatever the schedule).
    /// </summary>
    public static DateTimeOffset? LastFireAtOrBefore(CronExpression cron, DateTimeOffset instant)
    {
        // Quartz fires on whole seconds, so "at or before the instant" is "at or before its whole second".
        var end = new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var low = end - LifecycleLimits.LookBack;
        if (NextFireAfter(cron, low) is not { } first || first > end)
        {
            return null;
        }

        // Invariant: next(low) <= end < next(high).
        var high = end;
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var middle = low + TimeSpan.FromSeconds(Math.Floor((high - low).TotalSeconds / 2));
            if (NextFireAfter(cron, middle) is { } fire && fire <= end)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return Chained(cron, NextFireAfter(cron, low)!.Value, end);
    }

    /// <summary>
    /// Quartz's "next fire after x" is not monotone inside a fall-back overlap: searched from before it, a daily
    /// 02:30 fires at the first 02:30 and next on the following day; searched from inside the overlap, it finds the
    /// second 02:30 too (and so does <see cref="CronExpression.GetPreviousValidTimeBefore"/>). A running trigger
    /// chains from its previous fire, so the calendar does too: walk the chain from well before the candidate
    /// (farther back than any clock change moves) and keep its last fire at or before <paramref name="end"/>.
    /// Interval expressions, which Quartz fires through both passes of the overlap, keep both.
    /// </summary>
    private static DateTimeOffset Chained(CronExpression cron, DateTimeOffset candidate, DateTimeOffset end)
    {
        DateTimeOffset? last = null;
        var fire = NextFireAfter(cron, candidate - ChainAnchor);
        for (var steps = 0; fire is { } f && f <= end; steps++, fire = NextFireAfter(cron, f))
        {
            if (steps == MaxChainSteps)
            {
                // A schedule firing every few seconds: no clock change can hide in so dense a chain; keep the search's answer.
                return candidate;
            }

            last = f;
        }

        return last ?? candidate;
    }

    /// <summary>The first start or stop fire strictly after <paramref name="instant"/>; null without a schedule.</summary>
    public DateTimeOffset? NextBoundaryAfter(DateTimeOffset instant)
        => Min(Start is null ? null : NextFireAfter(Start, instant), Stop is null ? null : NextFireAfter(Stop, instant));

    public static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b)
        => a is null ? b : b is null ? a : a < b ? a : b;

    [GeneratedRegex(@"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$")]
    private static partial Regex ZoneId();
}
