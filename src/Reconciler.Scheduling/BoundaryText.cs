using System.Globalization;

namespace Reconciler.Scheduling;

/// <summary>
/// The data of a boundary trigger: one line per workspace, <c>UTC-ticks workspace</c>, readable in the QRTZ_TRIGGERS
/// row. The job needs only the instants; the names say which workspaces a trigger wakes.
/// </summary>
internal static class BoundaryText
{
    public static string Format(IEnumerable<(long Ticks, string Workspace)> boundaries)
        => string.Join('\n', boundaries.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Ticks} {b.Workspace}")));

    /// <summary>The distinct instants of a trigger's data; empty for a trigger stored without it.</summary>
    public static IReadOnlyList<DateTimeOffset> Instants(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var instants = new SortedSet<long>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var end = line.IndexOf(' ', StringComparison.Ordinal);
            if (long.TryParse(end < 0 ? line : line[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                instants.Add(ticks);
            }
        }

        return [.. instants.Select(t => new DateTimeOffset(t, TimeSpan.Zero))];
    }
}
