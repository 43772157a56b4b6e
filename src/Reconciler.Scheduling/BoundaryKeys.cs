using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// Quartz identities, all in group <see cref="Group"/>: one durable job (<see cref="WindowJob"/>) and one one-shot
/// trigger per time window, shared by every repository with a boundary in it (<c>window-</c> and the window's start in
/// UTC ticks). An earlier layout had one job per repository (<see cref="Job"/>) with one trigger per group of its
/// boundaries (<see cref="Trigger"/>); those names are hashes (Quartz limits them to 150 characters).
/// </summary>
public static class BoundaryKeys
{
    public const string Group = "reconciler-lifecycle";

    /// <summary>Job data of an earlier layout's job: its repository.</summary>
    public const string RepositoryData = "repository";

    /// <summary>Trigger data of an earlier layout: the group's boundaries, <see cref="BoundaryText"/>.</summary>
    public const string BoundariesData = "boundaries";

    /// <summary>Window trigger data: the window's start, UTC ticks.</summary>
    public const string WindowStartData = "window-start";

    /// <summary>Window trigger data: the window's width, ticks (the rows read are [start, start + width)).</summary>
    public const string WindowWidthData = "window-ticks";

    private const string WindowPrefix = "window-";

    public static JobKey WindowJob { get; } = new("windows", Group);

    public static TriggerKey WindowTrigger(long start) => new(WindowPrefix + start.ToString(CultureInfo.InvariantCulture), Group);

    /// <summary>The start of a window trigger's window, from its name; null for another trigger.</summary>
    public static long? WindowStart(TriggerKey trigger)
        => trigger.Name.StartsWith(WindowPrefix, StringComparison.Ordinal)
           && long.TryParse(trigger.Name.AsSpan(WindowPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : null;

    /// <summary>An earlier layout's job of <paramref name="repository"/> (deleted at the repository's first sync).</summary>
    public static JobKey Job(string repository) => new(Hash("repo:" + repository), Group);

    /// <summary>An earlier layout's trigger of one group of a repository's boundaries.</summary>
    internal static TriggerKey Trigger(string repository, BoundaryGroup group) => new(Hash("boundaries:" + repository + "\n" + group.Text), Group);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
