namespace Reconciler.Core.Queue;

/// <summary>
/// Periodic resync (drift repair): enqueues every known key on <see cref="Start"/> and then every interval, even
/// when nothing changed in git, so a container removed or stopped by hand is put back. Keys already queued
/// coalesce. The interval is stretched by up to <c>jitterFraction</c> (default +10 %) each time, from an injected
/// source, so replicas and restarts drift apart instead of resyncing in lock-step.
/// </summary>
public sealed class Resync : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(3);
    public const double DefaultJitterFraction = 0.1;

    private readonly WorkQueue queue;
    private readonly Func<IEnumerable<ReconcileKey>> keys;
    private readonly Func<double> jitter;
    private readonly Action<Exception>? onError;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private bool started;
    private bool disposed;

    /// <param name="keys">All keys to resync; called once per pass.</param>
    /// <param name="jitter">A source of values in [0, 1]; values outside are clamped.</param>
    /// <param name="onError">Told when <paramref name="keys"/> throws; the next pass runs regardless.</param>
    public Resync(
        WorkQueue queue,
        Func<IEnumerable<ReconcileKey>> keys,
        TimeProvider timeProvider,
        Func<double> jitter,
        TimeSpan? interval = null,
        double jitterFraction = DefaultJitterFraction,
        Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(jitter);
        Interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
        if (!double.IsFinite(jitterFraction) || jitterFraction < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(jitterFraction), jitterFraction, "Jitter fraction must be a finite number ≥ 0.");
        }

        JitterFraction = jitterFraction;
        this.queue = queue;
        this.keys = keys;
        this.jitter = jitter;
        this.onError = onError;
        timer = timeProvider.CreateTimer(static state => ((Resync)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeSpan Interval { get; }

    public double JitterFraction { get; }

    /// <summary>Enqueues every key now (start-up is a resync: state is recomputed, not replayed) and schedules the next pass.</summary>
    public void Start()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (started)
            {
                throw new InvalidOperationException("The resync has already been started.");
            }

            started = true;
        }

        Tick();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        timer.Dispose();
    }

    private void Tick()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
        }

        try
        {
            foreach (var key in keys())
            {
                queue.Add(key);
            }
        }
        catch (Exception ex)
        {
            Report(ex);
        }

        lock (gate)
        {
            if (!disposed)
            {
                timer.Change(NextDelay(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    // A throwing timer callback would take the process down; a throwing error handler must not.
    private void Report(Exception error)
    {
        try
        {
            onError?.Invoke(error);
        }
        catch (Exception)
        {
        }
    }

    private TimeSpan NextDelay()
    {
        var j = jitter();
        j = double.IsNaN(j) ? 0 : Math.Clamp(j, 0, 1);
        return Interval * (1 + (JitterFraction * j));
    }
}
