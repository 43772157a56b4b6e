using Reconciler.Core.Desired;

namespace Reconciler.Core.Ports;

/// <summary>
/// Wakes the work queue at lifecycle boundaries. Re-derived on every reconcile: the repository's triggers become
/// exactly <paramref name="boundaries"/> (one per workspace with a foreseen transition); a changed schedule replaces
/// old triggers, a removed workspace loses its own. A fire only enqueues the repository; the pass recomputes power.
/// </summary>
public interface IBoundaryScheduler
{
    Task SyncAsync(string repository, IReadOnlyDictionary<WorkspaceKey, DateTimeOffset> boundaries, CancellationToken cancellationToken);
}
