using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Scheduling;

/// <summary>
/// <see cref="IBoundaryScheduler"/> on a Quartz scheduler: per repository one non-durable job, and one one-shot
/// trigger per group of its boundaries — the distinct instants within one <see cref="LifecycleSchedulingOptions.GroupWindow"/>
/// (<see cref="BoundaryGroup"/>) — instead of one per workspace: a fire only enqueues the repository, so workspaces
/// that share an instant share a fire. The trigger fires <see cref="LifecycleSchedulingOptions.FireAhead"/> before the
/// group's first instant and every instant is enqueued in memory (<see cref="BoundaryTimers"/>) at its exact time. Each sync diffs the wanted trigger keys (content hashes)
/// against those this process believes stored (<see cref="StoredBoundaryTriggers"/>) and writes only the difference,
/// in one store transaction per repository; instants already waiting in memory need no trigger.
/// </summary>
internal sealed class QuartzBoundaryScheduler(ISchedulerFactory factory, StoredBoundaryTriggers stored, BoundaryTimers timers, LifecycleSchedulingOptions options)
    : IBoundaryScheduler
{
    public async Task SyncAsync(string repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> boundaries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await stored.EnsureLoadedAsync(scheduler, cancellationToken);
        var jobKey = BoundaryKeys.Job(repository);
        var had = stored.Of(jobKey);
        var wanted = BoundaryGroup.Of(boundaries.Where(b => !timers.IsPending(repository, b.Value)), options.GroupWindow)
            .ToDictionary(g => BoundaryKeys.Trigger(repository, g));
        if (wanted.Count == 0)
        {
            if (had.Count > 0)
            {
                await scheduler.DeleteJob(jobKey, cancellationToken);
                stored.Set(jobKey, []);
            }

            return;
        }

        var stale = had.Where(k => !wanted.ContainsKey(k)).ToList();
        var missing = wanted.Where(w => !had.Contains(w.Key)).ToList();
        if (missing.Count > 0)
        {
            var job = JobBuilder.Create<BoundaryJob>()
                .WithIdentity(jobKey)
                .WithDescription(repository)
                .UsingJobData(BoundaryKeys.RepositoryData, repository)
                .Build();
            var triggers = missing.Select(w => TriggerBuilder.Create()
                    .WithIdentity(w.Key)
                    .WithDescription(Describe(repository, w.Value))
                    .ForJob(jobKey)
                    .UsingJobData(BoundaryKeys.BoundariesData, w.Value.Text)
                    .StartAt(w.Value.FireAt - options.FireAhead)
                    .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                    .Build())
                .ToList();
            await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
        }

        // After the new ones, so a repository whose every trigger changed keeps its job instead of Quartz deleting it.
        if (stale.Count > 0)
        {
            await scheduler.UnscheduleJobs(stale, cancellationToken);
        }

        stored.Set(jobKey, wanted.Keys);
    }

    /// <summary>QRTZ_TRIGGERS.DESCRIPTION holds 250 characters: the repository and how much the trigger wakes.</summary>
    private static string Describe(string repository, BoundaryGroup group)
    {
        var text = $"{repository}: {group.Instants.Count} instant(s), {group.Text.Count(c => c == '\n') + 1} workspace boundary(ies)";
        return text.Length <= 250 ? text : text[..250];
    }
}
