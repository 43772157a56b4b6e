namespace Reconciler.Core.Queue;

/// <summary>The kind of a <see cref="ReconcileResult"/>; the label of the "reconciles by result" metric.</summary>
public enum ReconcileOutcome
{
    /// <summary>Converged; nothing to do until the next trigger.</summary>
    Done,

    /// <summary>Converged for now; look again after a delay (a schedule boundary, a TTL, a slow start).</summary>
    RequeueAfter,

    /// <summary>Invalid input; no retry until something new is added for the key (a new commit).</summary>
    Stalled,

    /// <summary>A dependency is missing (an image, a host, a secret); look again after a delay, no backoff.</summary>
    Waiting,

    /// <summary>A transient error; retried with per-key exponential backoff.</summary>
    Failed,
}
