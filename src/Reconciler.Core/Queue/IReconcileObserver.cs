namespace Reconciler.Core.Queue;

/// <summary>
/// Observability hooks of the loop, free of any metrics library; the host binds them to Prometheus
/// (reconciles by result, reconcile duration, queue depth) and to logs. Called from worker threads, possibly
/// concurrently; implementations must be thread-safe and fast. An exception thrown here is swallowed so that
/// metrics can never stop reconciles.
/// </summary>
public interface IReconcileObserver
{
    void OnStarted(ReconcileKey key);

    /// <summary>Every reconcile ends here exactly once, whatever happened (thrown, timed out, abandoned).</summary>
    void OnFinished(ReconcileKey key, ReconcileResult result, TimeSpan duration);

    /// <summary>Keys ready and waiting for a worker, sampled when a worker takes or finishes a key.</summary>
    void OnQueueDepth(int depth);
}

/// <summary>An observer that does nothing.</summary>
public sealed class NullReconcileObserver : IReconcileObserver
{
    public static NullReconcileObserver Instance { get; } = new();

    private NullReconcileObserver()
    {
    }

    public void OnStarted(ReconcileKey key)
    {
    }

    public void OnFinished(ReconcileKey key, ReconcileResult result, TimeSpan duration)
    {
    }

    public void OnQueueDepth(int depth)
    {
    }
}
