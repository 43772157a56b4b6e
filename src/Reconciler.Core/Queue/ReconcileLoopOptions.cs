namespace Reconciler.Core.Queue;

/// <summary>Options of <see cref="ReconcileLoop"/>.</summary>
public sealed class ReconcileLoopOptions
{
    /// <summary>Reconciles running at once, across keys (a key never runs twice at once). Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>
    /// Cancels one reconcile that runs longer, reported as Failed and backed off; null (default) for no limit.
    /// A hung key holds one worker only, so this bounds how long, not whether, other keys progress.
    /// </summary>
    public TimeSpan? ReconcileTimeout { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        if (ReconcileTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(ReconcileTimeout));
        }
    }
}
