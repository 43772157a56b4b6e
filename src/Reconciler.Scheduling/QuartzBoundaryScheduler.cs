using System.Collections.Concurrent;
using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Scheduling;

/// <summary>
/// <see cref="IBoundaryScheduler"/> on a Quartz scheduler: per repository one non-durable job, per workspace one
/// one-shot trigger at its next boundary. Each sync diffs the wanted triggers against what this process last stored
/// (read once from the store at the first sync, then kept in memory) and writes only the difference, so re-deriving
/// on every pass costs nothing when the schedule did not move. The memory is sound because a repository's triggers
/// are written by the one worker that reconciles it; a fired trigger is gone from the store, and the pass it wakes
/// always wants a later instant, which differs from the remembered one and is written.
/// </summary>
public sealed class QuartzBoundaryScheduler(ISchedulerFactory factory) : IBoundaryScheduler
{
    /// <summary>Fire instants are stored in ticks; anything closer than this is the same boundary.</summary>
    private static readonly TimeSpan SameInstant = TimeSpan.FromMilliseconds(1);

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<TriggerKey, DateTimeOffset>> _stored = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    public async Task SyncAsync(string repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> boundaries, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await LoadAsync(scheduler, cancellationToken);
        var jobKey = BoundaryKeys.Job(repository);
        var stored = _stored.GetValueOrDefault(jobKey.Name) ?? new Dictionary<TriggerKey, DateTimeOffset>();
        var wanted = boundaries.ToDictionary(b => BoundaryKeys.Trigger(b.Key), b => (Workspace: b.Key, At: b.Value));
        if (wanted.Count == 0)
        {
            if (stored.Count > 0)
            {
                await scheduler.DeleteJob(jobKey, cancellationToken);
                _stored.TryRemove(jobKey.Name, out _);
            }

            return;
        }

        var stale = stored.Where(s => !wanted.TryGetValue(s.Key, out var w) || !Same(s.Value, w.At)).Select(s => s.Key).ToList();
        var missing = wanted.Where(w => !stored.TryGetValue(w.Key, out var at) || !Same(at, w.Value.At)).ToList();
        if (stale.Count > 0)
        {
            await scheduler.UnscheduleJobs(stale, cancellationToken);
        }

        if (missing.Count > 0)
        {
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

        _stored[jobKey.Name] = wanted.ToDictionary(w => w.Key, w => w.Value.At);
    }

    /// <summary>Reads every boundary trigger this scheduler stored (across restarts) once, grouped by job.</summary>
    private async Task LoadAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            var all = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(BoundaryKeys.Group), Take = PagedQuery.All }, cancellationToken);
            foreach (var job in all.Items.GroupBy(h => h.JobKey.Name))
            {
                _stored[job.Key] = job.Where(h => h.NextFireTimeUtc is not null).ToDictionary(h => h.Key, h => h.NextFireTimeUtc!.Value);
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    private static bool Same(DateTimeOffset stored, DateTimeOffset wanted) => (stored - wanted).Duration() < SameInstant;
}
