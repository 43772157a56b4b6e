using System.Collections.Concurrent;

namespace Reconciler.Scheduling;

/// <summary>How late each boundary enqueue was against its scheduled instant (the last <see cref="Capacity"/>), for metrics and the benchmark.</summary>
public sealed class BoundaryFireRecorder(TimeProvider time)
{
    public const int Capacity = 100_000;

    private readonly ConcurrentQueue<TimeSpan> _lateness = new();
    private long _fired;

    public DateTimeOffset Now => time.GetUtcNow();

    public long Fired => Interlocked.Read(ref _fired);

    public IReadOnlyList<TimeSpan> Lateness => [.. _lateness];

    public TimeSpan Record(DateTimeOffset scheduled)
    {
        // An early fire is enqueued for the scheduled instant: it counts as on time.
        var lateness = time.GetUtcNow() - scheduled;
        lateness = lateness < TimeSpan.Zero ? TimeSpan.Zero : lateness;
        Interlocked.Increment(ref _fired);
        _lateness.Enqueue(lateness);
        while (_lateness.Count > Capacity && _lateness.TryDequeue(out _))
        {
        }

        return lateness;
    }
}
