using Reconciler.Core.Desired;

namespace Reconciler.Scheduling;

/// <summary>
/// The earlier, per-repository layout's grouping (before windows were shared across repositories): one repository's
/// boundaries that shared a Quartz trigger, every distinct instant in one window, the trigger firing at the first.
/// <see cref="Text"/> was the trigger's data and, hashed with the repository, its name (<see cref="BoundaryKeys.Trigger"/>).
/// Kept because such triggers may still be stored after an upgrade: <see cref="BoundaryJob"/> reads that data, and the
/// upgrade tests store exactly what that version stored.
/// </summary>
internal sealed record BoundaryGroup(DateTimeOffset FireAt, IReadOnlyList<DateTimeOffset> Instants, string Text)
{
    /// <summary>
    /// Groups a repository's boundaries by window (aligned to the epoch, so a change in one window leaves the others'
    /// triggers alone). A zero window groups only workspaces that share an instant.
    /// </summary>
    public static IReadOnlyList<BoundaryGroup> Of(IEnumerable<KeyValuePair<WorkspaceKey, DateTimeOffset>> boundaries, TimeSpan window)
    {
        var width = Math.Max(1, window.Ticks);
        return [.. boundaries
            .Select(b => (b.Key.Workspace, Ticks: b.Value.UtcTicks))
            .OrderBy(b => b.Ticks)
            .ThenBy(b => b.Workspace, StringComparer.Ordinal)
            .GroupBy(b => b.Ticks / width)
            .Select(g => new BoundaryGroup(
                new DateTimeOffset(g.First().Ticks, TimeSpan.Zero),
                [.. g.Select(b => b.Ticks).Distinct().Select(t => new DateTimeOffset(t, TimeSpan.Zero))],
                BoundaryText.Format(g.Select(b => (b.Ticks, b.Workspace)))))];
    }
}
