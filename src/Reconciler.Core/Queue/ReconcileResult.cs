namespace Reconciler.Core.Queue;

/// <summary>
/// What one reconcile returns, and therefore what the queue does with the key next (controller-runtime's
/// <c>reconcile.Result</c> plus the retry policy that source-controller attaches to its errors). A reconciler
/// returns a result; it never requeues through a side channel. The loop maps results to queue operations in
/// <see cref="ResultPolicy"/>; docs/reconcile-loop.md has the table.
/// </summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? reason, Exception? exception)
    {
        Outcome = outcome;
        Delay = delay;
        Reason = reason;
        Exception = exception;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>How long to wait before the next reconcile (RequeueAfter, Waiting); zero otherwise.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Why the key stalled, waits or failed; null for Done and RequeueAfter.</summary>
    public string? Reason { get; }

    /// <summary>The error behind a Failed result, when there was one.</summary>
    public Exception? Exception { get; }

    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, null, null);

    /// <summary>Reconcile again after <paramref name="delay"/>; zero means as soon as a worker is free.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay)
        => new(ReconcileOutcome.RequeueAfter, NonNegative(delay), null, null);

    /// <summary>The input is invalid: the user must change it. Not retried until the key is added again.</summary>
    public static ReconcileResult Stalled(string reason)
        => new(ReconcileOutcome.Stalled, TimeSpan.Zero, Required(reason), null);

    /// <summary>A dependency is missing: reconcile again after <paramref name="after"/> without growing the backoff.</summary>
    public static ReconcileResult Waiting(string reason, TimeSpan after)
        => new(ReconcileOutcome.Waiting, NonNegative(after), Required(reason), null);

    /// <summary>A transient error: retried with exponential backoff.</summary>
    public static ReconcileResult Failed(string reason)
        => new(ReconcileOutcome.Failed, TimeSpan.Zero, Required(reason), null);

    /// <summary>A transient error: retried with exponential backoff. The reason defaults to the exception's message.</summary>
    public static ReconcileResult Failed(Exception exception, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ReconcileOutcome.Failed, TimeSpan.Zero, reason ?? exception.Message, exception);
    }

    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.Done => "Done",
        ReconcileOutcome.RequeueAfter => $"RequeueAfter({Delay})",
        ReconcileOutcome.Waiting => $"Waiting({Delay}): {Reason}",
        _ => $"{Outcome}: {Reason}",
    };

    private static TimeSpan NonNegative(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return delay;
    }

    private static string Required(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return reason;
    }
}
