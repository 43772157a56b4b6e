using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Core.Quantities;

/// <summary>Durations as written in workspace.yaml: <c>30s</c>, <c>30m</c>, <c>2h</c>, <c>3d</c>, or combined <c>1h30m</c>.</summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            if (!long.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000_000)
            {
                return false;
            }

            duration += part.Groups["u"].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }

        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds % 86400 == 0 && duration > TimeSpan.Zero)
        {
            return $"{(long)duration.TotalDays}d";
        }

        if (duration.TotalSeconds % 3600 == 0 && duration > TimeSpan.Zero)
        {
            return $"{(long)duration.TotalHours}h";
        }

        return duration.TotalSeconds % 60 == 0 ? $"{(long)duration.TotalMinutes}m" : $"{(long)duration.TotalSeconds}s";
    }

    [GeneratedRegex(@"^([0-9]+[smhd])+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<n>[0-9]+)(?<u>[smhd])")]
    private static partial Regex Part();
}
