namespace Reconciler.Core.Queue;

/// <summary>
/// Reconciles one key: re-reads the desired and the actual state, converges, and says what should happen next.
/// Level-triggered: the key is all the input there is, so any number of triggers coalesce into one call.
/// An exception is treated as <see cref="ReconcileResult.Failed(Exception, string?)"/>; the token is cancelled
/// on the per-key timeout and when shutdown abandons in-flight work, and must be honoured.
/// </summary>
public interface IReconciler
{
    Task<ReconcileResult> ReconcileAsync(ReconcileKey key, CancellationToken cancellationToken);
}
