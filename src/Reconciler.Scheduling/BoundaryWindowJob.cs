using System.Globalization;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// Fired <see cref="LifecycleSchedulingOptions.FireAhead"/> before a time window that some repositories have a
/// boundary in: reads the window's rows (<see cref="IBoundaryRows"/>) and hands each (repository, instant) to
/// <see cref="BoundaryTimers"/>, which enqueues the repository at the instant — at once for one that has passed (a
/// misfire after downtime), by timer otherwise. Nothing else: it reads the store and writes nothing, so a second fire
/// of the same window only meets timers that are already pending, and after a restart a due window still fires
/// (<c>FireNow</c>) from the rows that persisted with it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class BoundaryWindowJob(IBoundaryRows rows, BoundaryTimers timers, StoredBoundaries stored, ILogger<BoundaryWindowJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.Trigger.JobDataMap;
        if (!long.TryParse(data.GetString(BoundaryKeys.WindowStartData), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(data.GetString(BoundaryKeys.WindowWidthData), NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || width <= 0 || start > DateTimeOffset.MaxValue.UtcTicks - width)
        {
            Unreadable(logger, context.Trigger.Key.Name);
            return;
        }

        stored.WindowFired(start);
        var due = await rows.InWindowAsync(start, start + width, cancellationToken);
        foreach (var (repository, ticks) in due)
        {
            timers.EnqueueAt(repository, new DateTimeOffset(ticks, TimeSpan.Zero));
        }

        Fired(logger, new DateTimeOffset(start, TimeSpan.Zero), due.Count, due.Select(d => d.Repository).Distinct(StringComparer.Ordinal).Count());
    }

    [LoggerMessage(EventId = 5680, Level = LogLevel.Debug, Message = "Lifecycle window {Start:O}: {Boundaries} boundary instant(s) of {Repositories} repository(ies) handed to the timers")]
    private static partial void Fired(ILogger logger, DateTimeOffset start, int boundaries, int repositories);

    [LoggerMessage(EventId = 5681, Level = LogLevel.Warning, Message = "Lifecycle window trigger {Trigger} carries no readable window (start and width); ignored")]
    private static partial void Unreadable(ILogger logger, string trigger);
}
