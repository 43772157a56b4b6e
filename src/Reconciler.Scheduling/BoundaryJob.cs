using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// The job of an earlier layout (one per repository, a trigger per group of its boundaries or per workspace), kept so
/// that triggers stored by that version still fire once after an upgrade: hands every instant of the group to
/// <see cref="BoundaryTimers"/>. The repository's first sync deletes the job and what is left of its triggers; the
/// shared window triggers (<see cref="BoundaryWindowJob"/>) take over.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class BoundaryJob : IJob
{
    private readonly BoundaryTimers _timers;
    private readonly StoredBoundaries _stored;

    public BoundaryJob(BoundaryTimers timers, StoredBoundaries stored)
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

        _stored.LegacyFired(context.JobDetail.Key);

        // A trigger stored before boundaries were grouped carries no data: its own instant is its one boundary.
        var instants = BoundaryText.Instants(context.Trigger.JobDataMap.GetString(BoundaryKeys.BoundariesData));
        foreach (var at in instants.Count > 0 ? instants : [context.ScheduledFireTimeUtc ?? context.FireTimeUtc])
        {
            _timers.EnqueueAt(repository, at);
        }

        return ValueTask.CompletedTask;
    }
}
