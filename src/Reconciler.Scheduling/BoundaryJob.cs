using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// Fired at a repository's group of lifecycle boundaries (<see cref="BoundaryGroup"/>): hands every instant of the
/// group to <see cref="BoundaryTimers"/>, which enqueues the repository at each — at once for an instant that has
/// passed (a misfire after downtime, or the first instant), by timer for a later one or when Quartz fired the batch
/// early. Nothing else: idempotent (the queue dedupes keys), no store access, and one repository's fires never
/// overlap. A misfire fires once on start; the pass then recomputes the power state from the calendar.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class BoundaryJob : IJob
{
    private readonly BoundaryTimers _timers;
    private readonly StoredBoundaryTriggers _stored;

    public BoundaryJob(BoundaryTimers timers, StoredBoundaryTriggers stored)
    {
        _timers = timers;
        _stored = stored;
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var repository = context.MergedJobDataMap.GetString(BoundaryKeys.RepositoryData);
        if (string.IsNullOrEmpty(repository))
        {
            return ValueTask.CompletedTask;
        }

        _stored.Fired(context.JobDetail.Key, context.Trigger.Key);

        // A trigger stored before boundaries were grouped carries no data: its own instant is its one boundary.
        var instants = BoundaryText.Instants(context.Trigger.JobDataMap.GetString(BoundaryKeys.BoundariesData));
        foreach (var at in instants.Count > 0 ? instants : [context.ScheduledFireTimeUtc ?? context.FireTimeUtc])
        {
            _timers.EnqueueAt(repository, at);
        }

        return ValueTask.CompletedTask;
    }
}
