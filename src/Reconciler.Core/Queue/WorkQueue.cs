namespace Reconciler.Core.Queue;

/// <summary>
/// A coalescing, rate-limited work queue with client-go's semantics.
/// <list type="bullet">
/// <item>A key is queued at most once: adding a key that is already queued does nothing.</item>
/// <item>A key is handed to at most one worker at a time. Adding it while a worker holds it marks it dirty;
/// <see cref="Done"/> then queues it again, once, however many adds came in meanwhile.</item>
/// <item><see cref="AddAfter"/> holds a key until a time (one <see cref="TimeProvider"/> timer for the earliest);
/// <see cref="AddRateLimited"/> does so with the key's exponential backoff, which <see cref="Forget"/> resets.</item>
/// <item><see cref="ShutDown"/> drops new adds and queued keys and releases every waiting <see cref="TakeAsync"/>.</item>
/// </list>
/// Thread-safe. Pure: no I/O, only the time provider's timer.
/// </summary>
public sealed partial class WorkQueue : IDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<ReconcileKey> ready = new();
    private readonly HashSet<ReconcileKey> dirty = [];
    private readonly HashSet<ReconcileKey> processing = [];
    private readonly LinkedList<Taker> takers = new();
    private readonly Dictionary<ReconcileKey, int> failures = [];
    private readonly ExponentialBackoff backoff;
    private bool shutDown;

    public WorkQueue(TimeProvider timeProvider, ExponentialBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(backoff);
        this.backoff = backoff;
        time = timeProvider;
        timer = timeProvider.CreateTimer(static state => ((WorkQueue)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys queued and waiting for a worker (the "queue depth" metric).</summary>
    public int Depth
    {
        get
        {
            lock (gate)
            {
                return ready.Count;
            }
        }
    }

    /// <summary>Keys held by <see cref="AddAfter"/> or <see cref="AddRateLimited"/> until their time.</summary>
    public int DelayedCount
    {
        get
        {
            lock (gate)
            {
                return delayed.Count;
            }
        }
    }

    /// <summary>Keys handed to a worker and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (gate)
            {
                return processing.Count;
            }
        }
    }

    public bool IsShutDown
    {
        get
        {
            lock (gate)
            {
                return shutDown;
            }
        }
    }

    public void Add(ReconcileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            AddLocked(key);
        }
    }

    /// <summary>Failures recorded for <paramref name="key"/> since it was last forgotten.</summary>
    public int FailuresOf(ReconcileKey key)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(key);
        }
    }

    /// <summary>Adds <paramref name="key"/> after its backoff delay and counts one more failure for it.</summary>
    public void AddRateLimited(ReconcileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            if (shutDown)
            {
                return;
            }

            var count = failures.GetValueOrDefault(key);
            failures[key] = count + 1;
            AddAfterLocked(key, backoff.DelayFor(count));
        }
    }

    /// <summary>Resets the backoff of <paramref name="key"/>; does not remove it from the queue.</summary>
    public void Forget(ReconcileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            failures.Remove(key);
        }
    }

    /// <summary>
    /// The next key, which the caller now holds until it calls <see cref="Done"/>; null once the queue is shut down.
    /// Waiters are served first come, first served.
    /// </summary>
    public Task<ReconcileKey?> TakeAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ReconcileKey?>(cancellationToken);
        }

        lock (gate)
        {
            if (shutDown)
            {
                return Task.FromResult<ReconcileKey?>(null);
            }

            if (ready.TryDequeue(out var key))
            {
                StartProcessing(key);
                return Task.FromResult<ReconcileKey?>(key);
            }

            var taker = new Taker();
            var node = takers.AddLast(taker);
            if (cancellationToken.CanBeCanceled)
            {
                // Registered under the lock: if the token is cancelled right now the callback runs inline, and the
                // lock is re-entrant, so it finds the node already in the list.
                taker.Registration = cancellationToken.UnsafeRegister(
                    static (state, token) =>
                    {
                        var (queue, waiting) = ((WorkQueue, LinkedListNode<Taker>))state!;
                        queue.CancelTaker(waiting, token);
                    },
                    (this, node));
            }

            return taker.Completion.Task;
        }
    }

    /// <summary>Releases a key taken with <see cref="TakeAsync"/>; queues it again if it was added meanwhile.</summary>
    public void Done(ReconcileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            if (!processing.Remove(key) || shutDown)
            {
                return;
            }

            if (dirty.Contains(key))
            {
                ready.Enqueue(key);
                Dispatch();
            }
        }
    }

    /// <summary>Stops the queue: adds are ignored, queued and delayed keys dropped, waiting takers get null.</summary>
    public void ShutDown()
    {
        lock (gate)
        {
            if (shutDown)
            {
                return;
            }

            shutDown = true;
            ready.Clear();
            dirty.Clear();
            delayed.Clear();
            while (takers.First is { } node)
            {
                takers.RemoveFirst();
                node.Value.Registration.Unregister();
                node.Value.Completion.TrySetResult(null);
            }
        }

        timer.Dispose();
    }

    public void Dispose() => ShutDown();

    private void AddLocked(ReconcileKey key)
    {
        if (shutDown || !dirty.Add(key) || processing.Contains(key))
        {
            return;
        }

        ready.Enqueue(key);
        Dispatch();
    }

    private void StartProcessing(ReconcileKey key)
    {
        dirty.Remove(key);
        processing.Add(key);
    }

    // Hands queued keys to waiting takers. Completions run their continuations asynchronously, so no worker
    // code runs under the lock.
    private void Dispatch()
    {
        while (ready.Count > 0 && takers.First is { } node)
        {
            takers.RemoveFirst();
            node.Value.Registration.Unregister();
            var key = ready.Peek();
            if (node.Value.Completion.TrySetResult(key))
            {
                ready.Dequeue();
                StartProcessing(key);
            }
        }
    }

    private void CancelTaker(LinkedListNode<Taker> node, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return;
            }

            takers.Remove(node);
        }

        node.Value.Completion.TrySetCanceled(cancellationToken);
    }

    private sealed class Taker
    {
        public TaskCompletionSource<ReconcileKey?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
