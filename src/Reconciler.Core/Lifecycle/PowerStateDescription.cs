using System.Globalization;

namespace Reconciler.Core.Lifecycle;

/// <summary>
/// People-facing text for a <see cref="PowerDecision"/>: <c>running — stops at 21:00 CST, in 3h 12m</c>.
/// Times are shown in the workspace's lifecycle zone with its abbreviation (CET, CEST, EST) or, where the zone
/// has no alphabetic one, its UTC offset (<c>UTC+05:30</c>).
/// </summary>
public static class PowerStateDescription
{
    public static string Describe(PowerDecision decision, DateTimeOffset now)
    {
        var state = Word(decision.State);
        if (decision.Next is not { } next)
        {
            return state;
        }

        var verb = next.State switch
        {
            DesiredPower.Running => "starts",
            DesiredPower.Stopped => "stops",
            _ => "is deleted",
        };
        return $"{state} — {verb} at {At(next.At, decision.TimeZone, now)}, in {Humanize(next.At - now)}";
    }

    /// <summary><c>21:00 CST</c> on the same local day as <paramref name="now"/>, else <c>Mon 2026-03-30 09:00 CST</c>.</summary>
    public static string At(DateTimeOffset at, TimeZoneInfo zone, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var format = local.Date == today ? "HH:mm" : "ddd yyyy-MM-dd HH:mm";
        return local.ToString(format, CultureInfo.InvariantCulture) + " " + ZoneLabel(zone, at);
    }

    /// <summary>The zone's abbreviation at that instant (CET or CEST), or <c>UTC±hh:mm</c> when it has none.</summary>
    public static string ZoneLabel(TimeZoneInfo zone, DateTimeOffset at)
    {
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" or "Etc/Zulu")
        {
            return "UTC";
        }

        var name = zone.IsDaylightSavingTime(at) ? zone.DaylightName : zone.StandardName;
        if (name.Length is >= 2 and <= 6 && name.All(char.IsAsciiLetterUpper))
        {
            return name;
        }

        var offset = zone.GetUtcOffset(at);
        return offset == TimeSpan.Zero ? "UTC" : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>Two units at most, truncated: <c>45s</c>, <c>12m</c>, <c>3h 12m</c>, <c>2d 4h</c>; <c>now</c> under a second.</summary>
    public static string Humanize(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1))
        {
            return "now";
        }

        static string Pair(long big, string bigUnit, long small, string smallUnit)
            => small == 0 ? $"{big}{bigUnit}" : $"{big}{bigUnit} {small}{smallUnit}";

        return span switch
        {
            { TotalDays: >= 1 } => Pair((long)span.TotalDays, "d", span.Hours, "h"),
            { TotalHours: >= 1 } => Pair((long)span.TotalHours, "h", span.Minutes, "m"),
            { TotalMinutes: >= 1 } => $"{(long)span.TotalMinutes}m",
            _ => $"{(long)span.TotalSeconds}s",
        };
    }

    private static string Word(DesiredPower state) => state switch
    {
        DesiredPower.Running => "running",
        DesiredPower.Stopped => "stopped",
        _ => "deleted",
    };
}
