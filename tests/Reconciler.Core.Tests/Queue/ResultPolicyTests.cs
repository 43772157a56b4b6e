using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

/// <summary>What the queue does with a key for each result (docs/reconcile-loop.md, retry policy table).</summary>
public sealed class ResultPolicyTests
{
    private readonly FakeTimeProvider time = new();
    private readonly ReconcileKey key = Key("repo");

    [Fact]
    public async Task Done_forgets_the_failures_and_does_not_requeue()
    {
        using var queue = await FailedTwiceAsync();

        await ApplyAsync(queue, ReconcileResult.Done);

        Assert.Equal(0, queue.FailuresOf(key));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public async Task Requeue_after_adds_the_key_after_its_delay()
    {
        using var queue = NewQueue(time);

        await ApplyAsync(queue, ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(2)));

        queue.AssertReadyAfter(time, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Waiting_requeues_after_its_delay_without_backoff()
    {
        using var queue = await FailedTwiceAsync();

        await ApplyAsync(queue, ReconcileResult.Waiting("image not built yet", TimeSpan.FromSeconds(30)));

        Assert.Equal(0, queue.FailuresOf(key));
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Failed_backs_off_exponentially()
    {
        using var queue = NewQueue(time);

        await ApplyAsync(queue, ReconcileResult.Failed("engine unreachable"));
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(5));
        queue.Done(await queue.TakeReadyAsync());
        await ApplyAsync(queue, ReconcileResult.Failed("engine unreachable"));

        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stalled_is_not_retried_until_the_key_is_added_again()
    {
        using var queue = await FailedTwiceAsync();

        await ApplyAsync(queue, ReconcileResult.Stalled("workspace.yaml: unknown field"));
        time.Advance(TimeSpan.FromDays(1));

        Assert.Equal((0, 0, 0), (queue.Depth, queue.DelayedCount, queue.FailuresOf(key)));
        queue.Add(key);
        Assert.Equal(key, await queue.TakeReadyAsync());
    }

    private async Task ApplyAsync(WorkQueue queue, ReconcileResult result)
    {
        queue.Add(key);
        var taken = await queue.TakeReadyAsync();
        ResultPolicy.Apply(queue, taken, result);
        queue.Done(taken);
    }

    // A key with two failures behind it whose retry has fired and been processed, so nothing is pending.
    private async Task<WorkQueue> FailedTwiceAsync()
    {
        var queue = NewQueue(time);
        queue.AddRateLimited(key);
        queue.AddRateLimited(key);
        time.Advance(TimeSpan.FromMinutes(1));
        queue.Done(await queue.TakeReadyAsync());
        Assert.Equal((2, 0), (queue.FailuresOf(key), queue.DelayedCount));
        return queue;
    }
}
