using Reconciler.Core.Queue;

namespace Reconciler.Worker.Metrics;

/// <summary>Why the API refused a request; the <c>reason</c> label of <c>reconciler_api_requests_denied_total</c>.</summary>
internal enum DenialReason
{
    /// <summary>401: no token, a malformed header, or a token that matches none.</summary>
    Unauthenticated,

    /// <summary>404: the resource does not exist or belongs to another team (the two are not told apart).</summary>
    NotFound,
}

/// <summary>
/// The worker's own counters and histograms, fed by the reconcile loop (<see cref="IReconcileObserver"/>), the git
/// sync of each pass and the API. Gauges that the state store or the queue already know (workspaces by state, queue
/// depth) are read at scrape time instead (<see cref="MetricsScrape"/>). Thread-safe: the loop calls from workers.
/// </summary>
internal sealed class WorkerMetrics : IReconcileObserver
{
    private static readonly double[] ReconcileBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private static readonly double[] FetchBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly long[] _reconciles = new long[Enum.GetValues<ReconcileOutcome>().Length];
    private readonly long[] _denied = new long[Enum.GetValues<DenialReason>().Length];
    private long _inFlight;
    private int _queueDepth;

    public Histogram ReconcileDuration { get; } = new("reconciler_reconcile_duration_seconds", "Duration of one reconcile pass of a repository (git, load, observe, plan, apply, report).", ReconcileBuckets);

    public Histogram GitFetchDuration { get; } = new("reconciler_git_fetch_duration_seconds", "Duration of the git sync of one pass (ls-remote, and a fetch when the branch moved).", FetchBuckets);

    public long Reconciles(ReconcileOutcome outcome) => Interlocked.Read(ref _reconciles[(int)outcome]);

    public long Denied(DenialReason reason) => Interlocked.Read(ref _denied[(int)reason]);

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>The depth the loop last reported; the scrape prefers the queue's own live value.</summary>
    public int LastQueueDepth => Volatile.Read(ref _queueDepth);

    public void OnStarted(ReconcileKey key) => Interlocked.Increment(ref _inFlight);

    public void OnFinished(ReconcileKey key, ReconcileResult result, TimeSpan duration)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _reconciles[(int)result.Outcome]);
        ReconcileDuration.Observe(duration);
    }

    public void OnQueueDepth(int depth) => Volatile.Write(ref _queueDepth, depth);

    public void GitSynced(TimeSpan duration) => GitFetchDuration.Observe(duration);

    public void Deny(DenialReason reason) => Interlocked.Increment(ref _denied[(int)reason]);
}
