using Microsoft.Extensions.Time.Testing;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class TakeAndShutDownTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task A_waiting_take_gets_the_next_added_key()
    {
        using var queue = NewQueue(time);
        var take = queue.TakeAsync(CancellationToken.None);
        Assert.False(take.IsCompleted);

        queue.Add(Key("a"));

        Assert.Equal(Key("a"), await take.WaitAsync(Guard));
        Assert.Equal(1, queue.ProcessingCount);
    }

    [Fact]
    public async Task A_cancelled_take_does_not_swallow_the_next_key()
    {
        using var queue = NewQueue(time);
        using var cancel = new CancellationTokenSource();
        var cancelled = queue.TakeAsync(cancel.Token);
        var waiting = queue.TakeAsync(CancellationToken.None);

        await cancel.CancelAsync();
        queue.Add(Key("a"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(Key("a"), await waiting.WaitAsync(Guard));
    }

    [Fact]
    public async Task Shut_down_releases_waiters_with_null_and_ignores_adds()
    {
        var queue = NewQueue(time);
        var waiting = queue.TakeAsync(CancellationToken.None);

        queue.ShutDown();
        queue.Add(Key("a"));
        queue.AddAfter(Key("b"), TimeSpan.FromSeconds(1));
        queue.AddRateLimited(Key("c"));

        Assert.Null(await waiting.WaitAsync(Guard));
        Assert.Null(await queue.TakeAsync(CancellationToken.None));
        Assert.True(queue.IsShutDown);
        Assert.Equal((0, 0), (queue.Depth, queue.DelayedCount));
    }

    [Fact]
    public async Task Shut_down_stops_taking_and_drops_queued_and_delayed_keys()
    {
        var queue = NewQueue(time);
        queue.Add(Key("a"));
        queue.AddAfter(Key("b"), TimeSpan.FromSeconds(5));

        queue.ShutDown();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(await queue.TakeAsync(CancellationToken.None));
        Assert.Equal((0, 0), (queue.Depth, queue.DelayedCount));
    }
}
