using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;

namespace Reconciler.Scheduling;

/// <summary>
/// Enqueues a repository at an exact instant that was handed over before it came (by a window's trigger, which fires
/// ahead of its window, or by a sync whose window trigger is already due). In memory only: a worker that stops before the instant
/// loses it, which is harmless — its first pass after start recomputes every workspace from the calendar and derives
/// the triggers again. One timer per (repository, instant); a second hand-over of the same pair is ignored.
/// </summary>
public sealed partial class BoundaryTimers : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Repository, DateTimeOffset At), ITimer> _pending = [];
    private readonly WorkQueue _queue;
    private readonly BoundaryFireRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<BoundaryTimers> _logger;
    private bool _disposed;

    public BoundaryTimers(WorkQueue queue, BoundaryFireRecorder recorder, TimeProvider time, ILogger<BoundaryTimers> logger)
    {
        _queue = queue;
        _recorder = recorder;
        _time = time;
        _logger = logger;
    }

    /// <summary>Instants handed over and not yet reached.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="at"/> is already waiting here for <paramref name="repository"/> (no trigger needed).</summary>
    public bool IsPending(string repository, DateTimeOffset at)
    {
        lock (_gate)
        {
            return _pending.ContainsKey((repository, at));
        }
    }

    /// <summary>Enqueues <paramref name="repository"/> at <paramref name="at"/>: now when that has passed, else by a timer.</summary>
    public void EnqueueAt(string repository, DateTimeOffset at)
    {
        var wait = at - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            Enqueue(repository, at);
            return;
        }

        lock (_gate)
        {
            if (_disposed || _pending.ContainsKey((repository, at)))
            {
                return;
            }

            var state = new Due(this, repository, at);
            _pending[(repository, at)] = _time.CreateTimer(static s => ((Due)s!).Fire(), state, wait, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }

    private void OnDue(string repository, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_pending.Remove((repository, at), out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        Enqueue(repository, at);
    }

    private void Enqueue(string repository, DateTimeOffset at)
    {
        _queue.Add(new ReconcileKey(repository));
        var lateness = _recorder.Record(at);
        Enqueued(_logger, repository, (long)lateness.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 5450, Level = LogLevel.Information, Message = "Lifecycle boundary: enqueued {Repository} ({LatenessMs} ms after the scheduled instant)")]
    private static partial void Enqueued(ILogger logger, string repository, long latenessMs);

    private sealed record Due(BoundaryTimers Timers, string Repository, DateTimeOffset At)
    {
        public void Fire() => Timers.OnDue(Repository, At);
    }
}
