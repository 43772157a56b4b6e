using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// What this process believes the store holds: the boundary trigger keys of each repository's job. Read in bulk from
/// the store once (the first sync after start), then kept by the syncs that write and the fires that consume
/// triggers. Sound because a repository's triggers have one writer, the worker reconciling it; a stale belief costs at
/// most one harmless unschedule of a trigger that already fired.
/// </summary>
internal sealed class StoredBoundaryTriggers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<TriggerKey>> _byJob = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    public async Task EnsureLoadedAsync(IScheduler scheduler, CancellationToken cancellationToken)
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
            lock (_gate)
            {
                foreach (var job in all.Items.GroupBy(h => h.JobKey.Name))
                {
                    _byJob[job.Key] = [.. job.Select(h => h.Key)];
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    public IReadOnlySet<TriggerKey> Of(JobKey job)
    {
        lock (_gate)
        {
            return _byJob.TryGetValue(job.Name, out var keys) ? [.. keys] : new HashSet<TriggerKey>();
        }
    }

    public void Set(JobKey job, IEnumerable<TriggerKey> keys)
    {
        lock (_gate)
        {
            HashSet<TriggerKey> set = [.. keys];
            if (set.Count == 0)
            {
                _byJob.Remove(job.Name);
            }
            else
            {
                _byJob[job.Name] = set;
            }
        }
    }

    /// <summary>A one-shot trigger fired: Quartz removed it from the store.</summary>
    public void Fired(JobKey job, TriggerKey trigger)
    {
        lock (_gate)
        {
            if (_byJob.TryGetValue(job.Name, out var keys) && keys.Remove(trigger) && keys.Count == 0)
            {
                _byJob.Remove(job.Name);
            }
        }
    }
}
