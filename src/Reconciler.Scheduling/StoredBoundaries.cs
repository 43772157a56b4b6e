using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// What this process believes the store holds: each repository's boundary rows (<see cref="IBoundaryRows"/>), the
/// shared window triggers, and the per-repository jobs an earlier version left (one trigger per repository and window,
/// or per workspace). Read in bulk once (the first sync after start), then kept by the syncs that write and the fires
/// that consume triggers. Sound because a repository's rows have one writer, the worker reconciling it; a window
/// trigger believed stored is only relied on while its fire time is comfortably ahead (see
/// <see cref="QuartzBoundaryScheduler"/>), so a belief that outlived a fire costs nothing.
/// </summary>
internal sealed class StoredBoundaries
{
    private static readonly IReadOnlySet<BoundaryRow> None = new HashSet<BoundaryRow>();

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlySet<BoundaryRow>> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<long> _windows = [];
    private readonly Dictionary<string, int> _legacyJobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile bool _loaded;

    /// <summary>Whether any job of an earlier layout is left (cheap check before hashing a repository's job name).</summary>
    public bool AnyLegacy
    {
        get
        {
            lock (_gate)
            {
                return _legacyJobs.Count > 0;
            }
        }
    }

    public async Task EnsureLoadedAsync(IScheduler scheduler, IBoundaryRows table, CancellationToken cancellationToken)
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

            var triggers = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(BoundaryKeys.Group), Take = PagedQuery.All }, cancellationToken);
            var rows = await table.ReadAllAsync(cancellationToken);
            lock (_gate)
            {
                foreach (var trigger in triggers.Items)
                {
                    if (trigger.JobKey.Equals(BoundaryKeys.WindowJob))
                    {
                        if (BoundaryKeys.WindowStart(trigger.Key) is { } start)
                        {
                            _windows.Add(start);
                        }
                    }
                    else
                    {
                        _legacyJobs[trigger.JobKey.Name] = _legacyJobs.GetValueOrDefault(trigger.JobKey.Name) + 1;
                    }
                }

                foreach (var (repository, set) in rows)
                {
                    _rows[repository] = set;
                }
            }

            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>The rows stored for <paramref name="repository"/>; never modified in place (a write replaces the set).</summary>
    public IReadOnlySet<BoundaryRow> RowsOf(string repository)
    {
        lock (_gate)
        {
            return _rows.GetValueOrDefault(repository) ?? None;
        }
    }

    public void SetRows(string repository, IReadOnlySet<BoundaryRow> rows)
    {
        lock (_gate)
        {
            if (rows.Count == 0)
            {
                _rows.Remove(repository);
            }
            else
            {
                _rows[repository] = rows;
            }
        }
    }

    public bool HasWindow(long start)
    {
        lock (_gate)
        {
            return _windows.Contains(start);
        }
    }

    public void AddWindows(IEnumerable<long> starts)
    {
        lock (_gate)
        {
            _windows.UnionWith(starts);
        }
    }

    /// <summary>A window's one-shot trigger fired here: Quartz removed it from the store.</summary>
    public void WindowFired(long start)
    {
        lock (_gate)
        {
            _windows.Remove(start);
        }
    }

    public bool IsLegacy(JobKey job)
    {
        lock (_gate)
        {
            return _legacyJobs.ContainsKey(job.Name);
        }
    }

    /// <summary>The repository's job of an earlier layout was deleted with its triggers.</summary>
    public void LegacyDeleted(JobKey job)
    {
        lock (_gate)
        {
            _legacyJobs.Remove(job.Name);
        }
    }

    /// <summary>A one-shot trigger of an earlier layout fired: Quartz removed it (and its job with the last one).</summary>
    public void LegacyFired(JobKey job)
    {
        lock (_gate)
        {
            if (_legacyJobs.TryGetValue(job.Name, out var count))
            {
                if (count <= 1)
                {
                    _legacyJobs.Remove(job.Name);
                }
                else
                {
                    _legacyJobs[job.Name] = count - 1;
                }
            }
        }
    }
}
