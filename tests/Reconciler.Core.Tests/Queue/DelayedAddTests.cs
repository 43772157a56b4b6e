using Microsoft.Extensions.Time.Testing;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class DelayedAddTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void A_delayed_key_becomes_ready_at_its_time()
    {
        using var queue = NewQueue(time);

        queue.AddAfter(Key("a"), TimeSpan.FromSeconds(30));

        Assert.Equal(1, queue.DelayedCount);
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public void A_zero_delay_adds_now()
    {
        using var queue = NewQueue(time);

        queue.AddAfter(Key("a"), TimeSpan.Zero);

        Assert.Equal((1, 0), (queue.Depth, queue.DelayedCount));
    }

    [Fact]
    public async Task The_earlier_of_two_times_wins_and_the_key_fires_once()
    {
        using var queue = NewQueue(time);
        queue.AddAfter(Key("a"), TimeSpan.FromSeconds(10));
        queue.AddAfter(Key("a"), TimeSpan.FromSeconds(3));
        queue.AddAfter(Key("a"), TimeSpan.FromSeconds(20));

        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(3));
        queue.Done(await queue.TakeReadyAsync());
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal((0, 0), (queue.Depth, queue.DelayedCount));
    }

    [Fact]
    public void A_delayed_key_that_is_already_queued_coalesces()
    {
        using var queue = NewQueue(time);
        queue.Add(Key("a"));
        queue.AddAfter(Key("a"), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public async Task Ten_thousand_delayed_keys_fire_in_due_order_with_one_timer()
    {
        var counting = new CountingTimeProvider(time);
        using var queue = NewQueue(counting);
        const int count = 10_000;

        // A fixed permutation of 1..10,000 seconds, so add order and due order differ.
        var delays = Enumerable.Range(0, count).Select(i => ((i * 7_919) % count) + 1).ToArray();
        for (var i = 0; i < count; i++)
        {
            queue.AddAfter(Key($"r{delays[i]}"), TimeSpan.FromSeconds(delays[i]));
        }

        Assert.Equal(count, queue.DelayedCount);

        // Step through the first hundred seconds: exactly one key per second, the right one.
        for (var second = 1; second <= 100; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, queue.Depth);
            Assert.Equal(Key($"r{second}"), await queue.TakeReadyAsync());
        }

        // Then jump past the rest: all of them at once, still in due order.
        time.Advance(TimeSpan.FromSeconds(count));
        Assert.Equal(count - 100, queue.Depth);
        for (var second = 101; second <= count; second++)
        {
            Assert.Equal(Key($"r{second}"), await queue.TakeReadyAsync());
        }

        Assert.Equal(1, counting.TimersCreated);
    }

    [Fact]
    public async Task Keys_due_at_the_same_time_keep_their_add_order()
    {
        using var queue = NewQueue(time);
        foreach (var name in new[] { "c", "a", "b" })
        {
            queue.AddAfter(Key(name), TimeSpan.FromSeconds(5));
        }

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([Key("c"), Key("a"), Key("b")], [await queue.TakeReadyAsync(), await queue.TakeReadyAsync(), await queue.TakeReadyAsync()]);
    }
}
