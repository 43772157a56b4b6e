using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Queue;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Gpus;

/// <summary>A request that waits for GPUs, as last decided.</summary>
internal sealed record PendingGpu(WorkspaceKey Key, PendingGpuRequest Request, string? Pinned);

/// <summary>
/// The host-wide view of GPUs across repositories. GPUs are shared by every repository on a host, but a pass observes
/// only its own repository; so allocation happens here, one pass at a time (a lock held only while allocating, never
/// during apply): the holders are read fresh from the runtime, one label-filtered list call per host of all managed
/// containers with a GPU label, of every repository, and one list call per libvirt host of its managed domains, whose
/// metadata keeps their assignment; assignments handed out by passes still applying (their containers
/// may not be visible yet) are added as in-flight holders until that pass ends (<see cref="Complete"/>). Nothing here
/// is the truth after a restart: the labels are.
/// When a pass releases GPUs (removes, stops or recreates a holder), the other repositories with pending requests
/// are enqueued at once; the repository's own pending workspaces are retried by its result (<c>pendingRecheckInterval</c>).
/// </summary>
internal sealed class GpuLedger(
    GpuInventories inventories,
    RuntimeSet runtimes,
    GpuAllocatorOptions options,
    TimeSpan pendingRecheck,
    WorkQueue? queue,
    ILogger<GpuLedger> logger,
    TimeProvider? time = null,
    TimeSpan reserveBeforeStart = default)
{
    /// <summary>A repository with a pending request is reconciled again after at most this long.</summary>
    public TimeSpan PendingRecheckInterval => pendingRecheck;

    /// <summary>True when a succeeded action took a GPU holder away (removed, stopped or recreated it).</summary>
    public static bool Released(IEnumerable<Core.Planning.ActionResult> results)
        => results.Any(r => r.Result.Outcome == Core.Ports.ApplyOutcome.Succeeded
                            && r.Action.Kind is Core.Planning.PlanActionKind.Remove or Core.Planning.PlanActionKind.Stop or Core.Planning.PlanActionKind.Recreate
                            && r.Action.Observed?.Fields?.ContainsKey(GpuPassAllocator.Field) == true);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, IReadOnlyList<GpuHolder>> _inFlight = new(StringComparer.Ordinal);

    // Stopped holders each repository's last pass reserved (gpu.reserveBeforeStart), shown to the other repositories'
    // passes as running until that repository's next pass decides again. In memory: after a restart a reservation
    // counts again from the repository's first pass.
    private readonly Dictionary<string, IReadOnlyList<GpuHolder>> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<PendingGpu>> _pending = new(StringComparer.Ordinal);
    private IReadOnlyList<GpuAssignment> _holders = [];
    private IReadOnlyDictionary<string, WorkspaceKey> _holderKeys = new Dictionary<string, WorkspaceKey>();

    /// <summary>Allocates for one repository's pass. Passes through unchanged when no workspace asks for a GPU.</summary>
    public async Task<GpuPassResult> AllocateAsync(string repository, IReadOnlyList<DesiredWorkspace> desired, CancellationToken cancellationToken)
    {
        if (!desired.Any(d => d.Gpu is not null))
        {
            lock (_pending)
            {
                _pending.Remove(repository);
            }

            return new GpuPassResult(desired, [], [], []);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var available = await inventories.GetAsync(cancellationToken);
            var holders = new List<GpuHolder>();
            foreach (var host in runtimes.HostNames.Order(StringComparer.Ordinal))
            {
                holders.AddRange(await runtimes[host].ObserveGpuHoldersAsync(cancellationToken));
            }

            // VMs: the assignment is read back from each managed domain's metadata, so a restart loses nothing.
            foreach (var host in runtimes.VmHostNames.Order(StringComparer.Ordinal))
            {
                holders.AddRange(await runtimes.Vm(host)!.ObserveGpuHoldersAsync(cancellationToken));
            }

            var observed = holders.Where(h => h.Running).Select(h => h.Key).ToHashSet();
            var reserved = GpuReservations.Of(desired, (time ?? TimeProvider.System).GetUtcNow(), reserveBeforeStart);
            lock (_inFlight)
            {
                holders.AddRange(_inFlight.Where(p => p.Key != repository).SelectMany(p => p.Value).Where(h => !observed.Contains(h.Key)));
                var others = _reserved.Where(p => p.Key != repository).SelectMany(p => p.Value).Where(h => !observed.Contains(h.Key)).ToList();
                var ids = others.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
                holders.RemoveAll(h => !h.Running && ids.Contains(h.Id));
                holders.AddRange(others);
                _reserved[repository] = [.. holders.Where(h => !h.Running && reserved.Contains(h.Key)).Select(h => h with { Running = true })];
            }

            var result = GpuPassAllocator.Allocate(desired, holders, available, options, reserved);
            var keys = desired.ToDictionary(d => d.Key.ToString(), d => d.Key, StringComparer.Ordinal);
            lock (_inFlight)
            {
                _inFlight[repository] = [.. result.Assigned.Select(a => new GpuHolder(keys[a.Workspace], "in-flight", a, Running: true))];
            }

            lock (_pending)
            {
                var pinned = desired.ToDictionary(d => d.Key.ToString(), d => d.Spec.Host, StringComparer.Ordinal);
                _pending[repository] = [.. result.Pending.Select(p => new PendingGpu(keys[p.Workspace], p, pinned[p.Workspace]))];
                _holders = result.Holders;
                _holderKeys = holders.GroupBy(h => h.Key + "#" + h.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal)
                    .Concat(keys).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The pass of <paramref name="repository"/> ended: its in-flight assignments are on the runtime (or failed).</summary>
    public void Complete(string repository, bool releasedGpus)
    {
        lock (_inFlight)
        {
            _inFlight.Remove(repository);
        }

        if (!releasedGpus || queue is null)
        {
            return;
        }

        List<string> waiting;
        lock (_pending)
        {
            waiting = [.. _pending.Where(p => p.Key != repository && p.Value.Any(r => !r.Request.Request.Optional)).Select(p => p.Key)];
        }

        if (waiting.Count > 0)
        {
            Log.RequeueingPending(logger, waiting.Count);
            foreach (var other in waiting)
            {
                queue.Add(new ReconcileKey(other));
            }
        }
    }

    /// <summary>What the last allocation saw: every holder (by workspace) and every pending request.</summary>
    public (IReadOnlyList<(WorkspaceKey Key, GpuAssignment Assignment)> Holders, IReadOnlyList<PendingGpu> Pending) Snapshot()
    {
        lock (_pending)
        {
            return (
                [.. _holders.Select(h => (_holderKeys.TryGetValue(h.Workspace, out var key) ? key : KeyOf(h.Workspace), h))],
                [.. _pending.Values.SelectMany(p => p)]);
        }
    }

    private static WorkspaceKey KeyOf(string name)
    {
        var bare = name.Split('#')[0];
        var slash = bare.LastIndexOf('/');
        return slash < 0 ? new WorkspaceKey(bare, bare) : new WorkspaceKey(bare[..slash], bare[(slash + 1)..]);
    }
}
