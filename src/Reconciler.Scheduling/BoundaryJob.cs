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

        queue.Add(new ReconcileKey(repository));
        var lateness = recorder.Record(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        Fired(logger, repository, (long)lateness.TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 5450, Level = LogLevel.Information, Message = "Lifecycle boundary: enqueued {Repository} ({LatenessMs} ms after the scheduled instant)")]
    private static partial void Fired(ILogger logger, string repository, long latenessMs);
}
