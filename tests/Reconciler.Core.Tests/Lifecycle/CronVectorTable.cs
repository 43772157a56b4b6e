using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>
/// Reads <c>shared/fixtures/cron/quartz-cron-vectors.md</c> (vectors copied from Quartz.NET's own tests) into rows:
/// the markdown table cells of each numbered section, in order.
/// </summary>
internal static partial class CronVectorTable
{
    public static string Path => TestPaths.Fixture("cron", "quartz-cron-vectors.md");

    /// <summary>The data rows (cells trimmed) of the table under the heading that starts with <c>## {section}.</c>.</summary>
    public static IReadOnlyList<string[]> Section(int section)
    {
        var rows = new List<string[]>();
        var inside = false;
        foreach (var line in File.ReadAllLines(Path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inside = line.StartsWith($"## {section}.", StringComparison.Ordinal);
                continue;
            }

            if (inside && line.StartsWith('|') && !line.StartsWith("|---", StringComparison.Ordinal) && !line.StartsWith("| #", StringComparison.Ordinal)
                && !line.StartsWith("| expression", StringComparison.Ordinal))
            {
                rows.Add([.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())]);
            }
        }

        return rows;
    }

    /// <summary>The first back-quoted text of a cell: the expression.</summary>
    public static string Code(string cell) => Quoted().Match(cell) is { Success: true } m ? m.Groups[1].Value : throw new FormatException("no `code` in " + cell);

    /// <summary>
    /// The first date-time in a cell. With an offset or <c>Z</c> it is that instant; without one it is a wall-clock
    /// time in <paramref name="zone"/> (the fixture's "local" vectors, read in one fixed zone as it says to).
    /// </summary>
    public static DateTimeOffset Instant(string cell, TimeZoneInfo zone)
    {
        var m = DateTime().Match(cell);
        if (!m.Success)
        {
            throw new FormatException("no date-time in " + cell);
        }

        var seconds = m.Groups["s"].Success ? m.Groups["s"].Value : ":00";
        var wall = System.DateTime.ParseExact(m.Groups["dt"].Value.Replace(' ', 'T') + seconds, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return m.Groups["off"].Value switch
        {
            "" => new DateTimeOffset(wall, zone.GetUtcOffset(wall)),
            "Z" => new DateTimeOffset(wall, TimeSpan.Zero),
            var offset => new DateTimeOffset(wall, TimeSpan.ParseExact(offset.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture) * (offset[0] == '-' ? -1 : 1)),
        };
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<dt>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})(?<s>:\d{2})?(?<off>Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex DateTime();
}
