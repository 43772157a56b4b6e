namespace Reconciler.Core.Queue;

/// <summary>
/// Runs <see cref="ReconcileLoopOptions.Concurrency"/> workers that take keys from a <see cref="WorkQueue"/>,
/// reconcile them and apply each result's retry policy (<see cref="ResultPolicy"/>). The loop never dies: an
/// exception from the reconciler is a Failed result. Every reconcile is reported to the observer exactly once,
/// on every path. The loop owns the queue's shutdown: <see cref="StopAsync"/> shuts it down.
/// </summary>
public sealed class ReconcileLoop
{
    private readonly WorkQueue queue;
    private readonly IReconciler reconciler;
    private readonly TimeProvider time;
    private readonly ReconcileLoopOptions options;
    private readonly IReconcileObserver observer;
    private readonly CancellationTokenSource abandon = new();
    private readonly Lock gate = new();
    private Task[] workers = [];
    private bool started;

    public ReconcileLoop(
        WorkQueue queue,
        IReconciler reconciler,
        TimeProvider timeProvider,
        ReconcileLoopOptions? options = null,
        IReconcileObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options ?? new ReconcileLoopOptions();
        this.options.Validate();
        this.queue = queue;
        this.reconciler = reconciler;
        time = timeProvider;
        this.observer = observer ?? NullReconcileObserver.Instance;
    }

    /// <summary>Starts the workers. A loop starts once.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (started)
            {
                throw new InvalidOperationException("The reconcile loop has already been started.");
            }

            started = true;
            workers = new Task[options.Concurrency];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(WorkAsync);
            }
        }
    }

    /// <summary>
    /// Stops taking work (the queue is shut down, so later adds are dropped), waits up to <paramref name="timeout"/>
    /// for in-flight reconciles, then cancels their tokens and abandons them; each is reported as Failed.
    /// Returns true when every in-flight reconcile finished on its own. <paramref name="cancellationToken"/>
    /// (the host's own shutdown deadline) abandons at once.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task[] running;
        lock (gate)
        {
            started = true;
            running = workers;
        }

        queue.ShutDown();
        var all = Task.WhenAll(running);
        try
        {
            await all.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await abandon.CancelAsync();
            throw;
        }

        await abandon.CancelAsync();

        // Abandoned reconciles are no longer awaited, so the workers end promptly even when one ignores its token.
        await all.WaitAsync(cancellationToken);
        return false;
    }

    private async Task WorkAsync()
    {
        while (await queue.TakeAsync(CancellationToken.None) is { } key)
        {
            Observe(o => o.OnQueueDepth(queue.Depth));
            Observe(o => o.OnStarted(key));
            var startedAt = time.GetTimestamp();
            var result = await ReconcileAsync(key);
            var duration = time.GetElapsedTime(startedAt);
            try
            {
                ResultPolicy.Apply(queue, key, result);
            }
            finally
            {
                queue.Done(key);
            }

            Observe(o => o.OnFinished(key, result, duration));
            Observe(o => o.OnQueueDepth(queue.Depth));
        }
    }

    private async Task<ReconcileResult> ReconcileAsync(ReconcileKey key)
    {
        using var timeout = options.ReconcileTimeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(abandon.Token, timeout.Token);
        var token = linked?.Token ?? abandon.Token;
        try
        {
            // Only shutdown stops awaiting a reconcile that ignores its token: the queue is shut down by then, so the
            // key cannot be handed to a second worker while the first call still runs.
            var result = await reconciler.ReconcileAsync(key, token).WaitAsync(abandon.Token);
            return result ?? ReconcileResult.Failed("The reconciler returned no result.");
        }
        catch (OperationCanceledException ex) when (abandon.IsCancellationRequested)
        {
            return ReconcileResult.Failed(ex, "Abandoned at shutdown.");
        }
        catch (OperationCanceledException ex) when (timeout?.IsCancellationRequested == true)
        {
            return ReconcileResult.Failed(ex, $"Timed out after {options.ReconcileTimeout}.");
        }
        catch (Exception ex)
        {
            return ReconcileResult.Failed(ex);
        }
    }

    // Metrics must never stop reconciles; the observer contract says it does not throw.
    private void Observe(Action<IReconcileObserver> report)
    {
        try
        {
            report(observer);
        }
        catch (Exception)
        {
        }
    }
}
