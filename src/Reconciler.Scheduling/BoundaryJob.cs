using Microsoft.Extensions.Logging;
using Quartz;
using Reconciler.Core.Queue;

namespace Reconciler.Scheduling;

/// <summary>
/// Fired at a lifecycle boundary: enqueues the repository and nothing else. Idempotent (the queue dedupes keys), and
/// one repository's fires never overlap. A misfire (the worker was down) fires once on start; the pass then
/// recomputes the power state from the calendar, so nothing is replayed.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class BoundaryJob(WorkQueue queue, BoundaryFireRecorder recorder, ILogger<BoundaryJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var repository = context.MergedJobDataMap.GetString(BoundaryKeys.RepositoryData);
        if (string.IsNullOrEmpty(repository))
        {
            return ValueTask.CompletedTask;
        }

        // Quartz acquires triggers in batches and may fire one up to the batch window early; the pass must not run before
        // the boundary (it would compute the old state and want the same instant again), so an early fire waits in the queue.
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var early = scheduled - recorder.Now;
        if (early > TimeSpan.Zero)
        {
            queue.AddAfter(new ReconcileKey(repository), early);
        }
        else
        {
            queue.Add(new ReconcileKey(repository));
        }

        var lateness = recorder.Record(scheduled);
        Fired(logger, repository, (long)lateness.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 5450, Level = LogLevel.Information, Message = "Lifecycle boundary: enqueued {Repository} ({LatenessMs} ms after the scheduled instant)")]
    private static partial void Fired(ILogger logger, string repository, long latenessMs);
}
