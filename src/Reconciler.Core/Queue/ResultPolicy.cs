namespace Reconciler.Core.Queue;

/// <summary>
/// What the queue does with a key after a reconcile: the retry policy each result carries. Applied by the loop
/// before <see cref="WorkQueue.Done"/>, so a key added during the reconcile is still re-run once on top.
/// </summary>
internal static class ResultPolicy
{
    public static void Apply(WorkQueue queue, ReconcileKey key, ReconcileResult result)
    {
        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
            case ReconcileOutcome.Stalled:
                // Stalled: retrying cannot help until the input changes, and a change adds the key again.
                queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
            case ReconcileOutcome.Waiting:
                // Not a failure: the backoff starts again from its base next time something fails.
                queue.Forget(key);
                queue.AddAfter(key, result.Delay);
                break;
            case ReconcileOutcome.Failed:
                queue.AddRateLimited(key);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown reconcile outcome.");
        }
    }
}
