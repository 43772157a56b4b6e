using System.Globalization;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Lifecycle;

/// <summary>
/// The expiry of a wake/stop/start request as people write it: <c>until</c> a wall-clock time <c>HH:MM</c> in the
/// workspace's lifecycle zone (the next such time after now: today, or tomorrow when it has passed), or an ISO 8601
/// instant with an offset; or <c>for</c> a duration (<c>2h</c>, <c>90m</c>). Neither: no explicit expiry.
/// </summary>
public static class OverrideExpiry
{
    /// <summary>A request that outlives this is a schedule, not an override: write it in workspace.yaml.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    public static bool TryResolve(string? until, string? forText, TimeZoneInfo zone, DateTimeOffset now, out DateTimeOffset? expiry, out string error)
    {
        expiry = null;
        error = "";
        if (!string.IsNullOrWhiteSpace(until) && !string.IsNullOrWhiteSpace(forText))
        {
            error = "give either until or for, not both";
            return false;
        }

        if (!string.IsNullOrWhiteSpace(forText))
        {
            if (!DurationText.TryParse(forText.Trim(), out var duration) || duration <= TimeSpan.Zero)
            {
                error = $"for '{forText}' is not a duration such as 30m, 2h or 1h30m";
                return false;
            }

            expiry = now + duration;
        }
        else if (!string.IsNullOrWhiteSpace(until))
        {
            if (TimeOnly.TryParseExact(until.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            {
                expiry = NextWallClock(wall, zone, now);
            }
            else if (DateTimeOffset.TryParseExact(until.Trim(), "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                     || DateTimeOffset.TryParseExact(until.Trim(), "yyyy-MM-dd'T'HH:mmK", CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
            {
                expiry = instant.ToUniversalTime();
            }
            else
            {
                error = $"until '{until}' is neither HH:MM (in the workspace's lifecycle time zone) nor an ISO 8601 instant with an offset";
                return false;
            }
        }

        if (expiry is { } at && (at <= now || at - now > Max))
        {
            error = at <= now ? "the expiry is in the past" : $"the expiry is more than {DurationText.Format(Max)} away";
            expiry = null;
            return false;
        }

        return true;
    }

    /// <summary>The next instant after <paramref name="now"/> that reads <paramref name="wall"/> in <paramref name="zone"/> (a time skipped by DST moves to the end of the gap).</summary>
    public static DateTimeOffset NextWallClock(TimeOnly wall, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        for (var day = 0; day < 3; day++)
        {
            var local = today.AddDays(day) + wall.ToTimeSpan();
            while (zone.IsInvalidTime(local))
            {
                local = local.AddMinutes(1);
            }

            var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            if (at > now)
            {
                return at;
            }
        }

        return now + TimeSpan.FromDays(1);
    }
}
