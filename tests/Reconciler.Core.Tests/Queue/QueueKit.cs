using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;

namespace Reconciler.Core.Tests.Queue;

/// <summary>Builders for queue tests. Time is always a <see cref="FakeTimeProvider"/>; the jitter is a constant.</summary>
internal static class QueueKit
{
    /// <summary>
    /// A hang guard only: awaits in loop tests wait for worker threads, never for time to pass, so this fires
    /// only when the code under test deadlocks.
    /// </summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    public static ReconcileKey Key(string repository, string? workspace = null) => new(repository, workspace);

    public static ExponentialBackoff Backoff(double jitter = 0) => new(() => jitter);

    public static WorkQueue NewQueue(TimeProvider time, double jitter = 0) => new(time, Backoff(jitter));

    /// <summary>Takes the next key, which must be ready now.</summary>
    public static async Task<ReconcileKey> TakeReadyAsync(this WorkQueue queue)
    {
        var take = queue.TakeAsync(CancellationToken.None);
        Assert.True(take.IsCompleted, "a key should be ready");
        var key = await take;
        Assert.NotNull(key);
        return key;
    }

    /// <summary>Asserts that a delayed key becomes ready exactly <paramref name="after"/> from now, not a millisecond earlier.</summary>
    public static void AssertReadyAfter(this WorkQueue queue, FakeTimeProvider time, TimeSpan after)
    {
        var depth = queue.Depth;
        time.Advance(after - TimeSpan.FromMilliseconds(1));
        Assert.Equal(depth, queue.Depth);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(depth + 1, queue.Depth);
    }
}

/// <summary>A time provider that counts the timers created through it.</summary>
internal sealed class CountingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private int timersCreated;

    public int TimersCreated => Volatile.Read(ref timersCreated);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref timersCreated);
        return inner.CreateTimer(callback, state, dueTime, period);
    }
}
