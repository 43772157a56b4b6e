using System.Globalization;
using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Scheduling;

/// <summary>
/// <see cref="IBoundaryScheduler"/> on Quartz with windows shared across repositories. A repository's boundaries are
/// rows of <c>lifecycle_boundaries</c> (<see cref="IBoundaryRows"/>), diffed against what this process believes stored
/// (<see cref="StoredBoundaries"/>) and written only when they changed, in one short transaction. Quartz holds one
/// one-shot trigger per time window (<see cref="LifecycleSchedulingOptions.GroupWindow"/>, aligned to the epoch) that
/// fires <see cref="LifecycleSchedulingOptions.FireAhead"/> before the window and hands the window's rows to
/// <see cref="BoundaryTimers"/> (<see cref="BoundaryWindowJob"/>): 10,000 repositories scattered over an hour are 60
/// trigger rows, scheduled by whichever sync first needs each window, not 10,000. A window whose fire is already
/// (nearly) due cannot be relied on to see a new row, so such boundaries are handed to the timers directly.
/// </summary>
internal sealed class QuartzBoundaryScheduler(
    ISchedulerFactory factory, StoredBoundaries stored, IBoundaryRows rows, BoundaryTimers timers, LifecycleSchedulingOptions options)
    : IBoundaryScheduler
{
    /// <summary>
    /// Beyond Quartz's batch window (a trigger may fire that much early): how far ahead of its fire a window trigger is
    /// still trusted to read a row committed now. Nearer than that, the sync hands the boundaries over itself.
    /// </summary>
    internal static readonly TimeSpan HandOverMargin = TimeSpan.FromSeconds(5);

    public async Task SyncAsync(string repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> boundaries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await stored.EnsureLoadedAsync(scheduler, rows, cancellationToken);

        var wanted = new HashSet<BoundaryRow>(boundaries.Count);
        foreach (var (key, at) in boundaries)
        {
            wanted.Add(new BoundaryRow(key.Workspace, at.UtcTicks));
        }

        var had = stored.RowsOf(repository);
        if (!had.SetEquals(wanted))
        {
            await rows.WriteAsync(repository, [.. had.Where(r => !wanted.Contains(r))], [.. wanted.Where(r => !had.Contains(r))], cancellationToken);
            stored.SetRows(repository, wanted);
        }

        // An earlier version's per-repository job: its boundaries are rows now (written above), so it goes.
        if (stored.AnyLegacy && BoundaryKeys.Job(repository) is var legacy && stored.IsLegacy(legacy))
        {
            await scheduler.DeleteJob(legacy, cancellationToken);
            stored.LegacyDeleted(legacy);
        }

        if (wanted.Count == 0)
        {
            return;
        }

        var width = Width;
        var trustedAfter = (options.TimeProvider.GetUtcNow() + options.BatchWindow + HandOverMargin).UtcTicks;
        List<long>? windows = null;
        foreach (var window in wanted.GroupBy(r => r.Ticks - (r.Ticks % width)))
        {
            if (window.Key - options.FireAhead.Ticks <= trustedAfter)
            {
                // The window's trigger fires (or fired) too soon to be sure to read the row: hand over here. Timers
                // ignore a (repository, instant) already pending.
                foreach (var ticks in window.Select(r => r.Ticks).Distinct())
                {
                    timers.EnqueueAt(repository, new DateTimeOffset(ticks, TimeSpan.Zero));
                }
            }
            else if (!stored.HasWindow(window.Key))
            {
                (windows ??= []).Add(window.Key);
            }
        }

        if (windows is not null)
        {
            // Replacing: another worker (or a belief lost in a restart) may have stored the same window; same content.
            await scheduler.ScheduleJob(WindowJob(), [.. windows.Select(w => WindowTrigger(w, width))], ScheduleJobOptions.Replacing, cancellationToken);
            stored.AddWindows(windows);
        }
    }

    /// <summary>The window width in ticks; a zero <see cref="LifecycleSchedulingOptions.GroupWindow"/> is one tick (one instant).</summary>
    private long Width => Math.Max(1, options.GroupWindow.Ticks);

    private static IJobDetail WindowJob() => JobBuilder.Create<BoundaryWindowJob>()
        .WithIdentity(BoundaryKeys.WindowJob)
        .WithDescription("lifecycle boundaries: enqueues the repositories of a window's lifecycle_boundaries rows")
        .StoreDurably()
        .Build();

    private ITrigger WindowTrigger(long start, long width) => TriggerBuilder.Create()
        .WithIdentity(BoundaryKeys.WindowTrigger(start))
        .WithDescription(string.Create(CultureInfo.InvariantCulture, $"lifecycle boundaries in [{new DateTimeOffset(start, TimeSpan.Zero):O}, +{TimeSpan.FromTicks(width)})"))
        .ForJob(BoundaryKeys.WindowJob)
        .UsingJobData(BoundaryKeys.WindowStartData, start.ToString(CultureInfo.InvariantCulture))
        .UsingJobData(BoundaryKeys.WindowWidthData, width.ToString(CultureInfo.InvariantCulture))
        .StartAt(new DateTimeOffset(start, TimeSpan.Zero) - options.FireAhead)
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();
}
