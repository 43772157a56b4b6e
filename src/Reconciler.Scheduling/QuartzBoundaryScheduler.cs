using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Scheduling;

/// <summary>
/// <see cref="IBoundaryScheduler"/> on a Quartz scheduler: per repository one non-durable job, per workspace one
/// one-shot trigger at its next boundary. Each sync diffs the stored triggers against the wanted ones and writes
/// only the difference (an unchanged schedule costs one read), so re-deriving on every pass is cheap.
/// </summary>
public sealed class QuartzBoundaryScheduler(ISchedulerFactory factory) : IBoundaryScheduler
{
    /// <summary>Fire instants are stored in ticks; anything closer than this is the same boundary.</summary>
    private static readonly TimeSpan SameInstant = TimeSpan.FromMilliseconds(1);

    public async Task SyncAsync(string repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> boundaries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var jobKey = BoundaryKeys.Job(repository);
        var stored = (await scheduler.QueryTriggers(new TriggerQuery { Job = jobKey }, cancellationToken)).Items;
        if (boundaries.Count == 0)
        {
            if (stored.Count > 0)
            {
                await scheduler.DeleteJob(jobKey, cancellationToken);
            }

            return;
        }

        var wanted = boundaries.ToDictionary(b => BoundaryKeys.Trigger(b.Key), b => (Workspace: b.Key, At: b.Value));
        var current = stored.ToDictionary(h => h.Key, h => h.NextFireTimeUtc);
        var stale = stored.Where(h => !wanted.TryGetValue(h.Key, out var w) || !Same(h.NextFireTimeUtc, w.At)).Select(h => h.Key).ToList();
        var missing = wanted.Where(w => !current.TryGetValue(w.Key, out var at) || !Same(at, w.Value.At)).ToList();
        if (stale.Count > 0)
        {
            await scheduler.UnscheduleJobs(stale, cancellationToken);
        }

        if (missing.Count == 0)
        {
            return;
        }

        var job = JobBuilder.Create<BoundaryJob>()
            .WithIdentity(jobKey)
            .WithDescription(repository)
            .UsingJobData(BoundaryKeys.RepositoryData, repository)
            .Build();
        var triggers = missing.Select(w => TriggerBuilder.Create()
                .WithIdentity(w.Key)
                .WithDescription(w.Value.Workspace.ToString())
                .ForJob(jobKey)
                .StartAt(w.Value.At)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
    }

    private static bool Same(DateTimeOffset? stored, DateTimeOffset wanted) => stored is { } at && (at - wanted).Duration() < SameInstant;
}
