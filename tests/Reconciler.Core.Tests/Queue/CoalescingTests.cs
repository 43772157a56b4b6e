using Microsoft.Extensions.Time.Testing;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class CoalescingTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public async Task A_key_added_three_times_before_take_is_one_item()
    {
        using var queue = NewQueue(time);

        queue.Add(Key("a"));
        queue.Add(Key("a"));
        queue.Add(Key("a"));

        Assert.Equal(1, queue.Depth);
        Assert.Equal(Key("a"), await queue.TakeReadyAsync());
        Assert.False(queue.TakeAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_key_added_while_processing_runs_again_exactly_once_after_done()
    {
        using var queue = NewQueue(time);
        queue.Add(Key("a"));
        var key = await queue.TakeReadyAsync();

        queue.Add(key);
        queue.Add(key);
        queue.Add(key);

        // Not handed out while a worker holds it.
        Assert.Equal(0, queue.Depth);
        var second = queue.TakeAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        queue.Done(key);
        Assert.Equal(key, await second.WaitAsync(Guard));

        queue.Done(key);
        Assert.Equal(0, queue.Depth);
        Assert.False(queue.TakeAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Done_without_new_adds_does_not_requeue()
    {
        using var queue = NewQueue(time);
        queue.Add(Key("a"));

        queue.Done(await queue.TakeReadyAsync());

        Assert.Equal(0, queue.Depth);
        Assert.Equal(0, queue.ProcessingCount);
    }

    [Fact]
    public async Task Keys_come_out_in_the_order_they_were_added()
    {
        using var queue = NewQueue(time);
        queue.Add(Key("b"));
        queue.Add(Key("a"));
        queue.Add(Key("r", "w"));
        queue.Add(Key("a"));

        Assert.Equal([Key("b"), Key("a"), Key("r", "w")], [await queue.TakeReadyAsync(), await queue.TakeReadyAsync(), await queue.TakeReadyAsync()]);
    }

    [Fact]
    public async Task A_repository_key_and_its_workspace_key_are_different_items()
    {
        using var queue = NewQueue(time);
        queue.Add(Key("r"));
        queue.Add(Key("r", "w"));

        Assert.Equal(2, queue.Depth);
        Assert.Equal(Key("r"), await queue.TakeReadyAsync());
    }
}
