using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class LoopFailureTests
{
    private static readonly ReconcileKey Bad = Key("bad");

    [Fact]
    public async Task A_throwing_reconciler_is_a_failure_with_backoff_and_the_loop_goes_on()
    {
        await using var fixture = new LoopFixture(
            concurrency: 1,
            behaviour: call => call.Key == Bad ? throw new InvalidOperationException("boom") : Task.FromResult(ReconcileResult.Done));

        fixture.Queue.Add(Bad);
        fixture.Queue.Add(Key("good1"));
        fixture.Queue.Add(Key("good2"));
        var finished = await fixture.Observer.FinishedAsync(3);

        var failed = finished.Single(f => f.Key == Bad).Result;
        Assert.Equal(ReconcileOutcome.Failed, failed.Outcome);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        Assert.All(finished.Where(f => f.Key != Bad), f => Assert.Equal(ReconcileOutcome.Done, f.Result.Outcome));
        Assert.Equal((1, 1), (fixture.Queue.FailuresOf(Bad), fixture.Queue.DelayedCount));

        // Retried after 5 s, then 10 s; other keys still go through.
        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Bad, (await fixture.Observer.NextFinishedAsync()).Key);
        fixture.Queue.Add(Key("good3"));
        Assert.Equal(Key("good3"), (await fixture.Observer.NextFinishedAsync()).Key);
        Assert.Equal(2, fixture.Queue.FailuresOf(Bad));
        fixture.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal((0, 1), (fixture.Queue.Depth, fixture.Queue.DelayedCount));
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Bad, (await fixture.Observer.NextFinishedAsync()).Key);
    }

    [Fact]
    public async Task A_faulted_task_or_a_null_result_is_a_failure()
    {
        await using var fixture = new LoopFixture(
            concurrency: 1,
            behaviour: call => call.Key == Bad
                ? Task.FromException<ReconcileResult>(new TimeoutException("slow engine"))
                : Task.FromResult<ReconcileResult>(null!));

        fixture.Queue.Add(Bad);
        fixture.Queue.Add(Key("null"));
        var finished = await fixture.Observer.FinishedAsync(2);

        Assert.Equal("slow engine", finished[0].Result.Reason);
        Assert.Equal([ReconcileOutcome.Failed, ReconcileOutcome.Failed], finished.Select(f => f.Result.Outcome).ToArray());
    }

    [Fact]
    public async Task A_reconcile_past_its_timeout_is_cancelled_and_backed_off()
    {
        await using var fixture = new LoopFixture(
            concurrency: 1,
            behaviour: call => call.HonourTokenAsync(),
            reconcileTimeout: TimeSpan.FromSeconds(30));
        fixture.Queue.Add(Bad);
        var call = await fixture.Reconciler.NextCallAsync();

        fixture.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.Token.IsCancellationRequested);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        var finished = await fixture.Observer.NextFinishedAsync();
        Assert.True(call.Token.IsCancellationRequested);
        Assert.Equal((ReconcileOutcome.Failed, "Timed out after 00:00:30."), (finished.Result.Outcome, finished.Result.Reason));
        Assert.Equal(1, fixture.Queue.FailuresOf(Bad));
    }

    [Fact]
    public async Task An_observer_that_throws_does_not_stop_the_loop()
    {
        var time = new FakeTimeProvider();
        var queue = NewQueue(time);
        var reconciler = new ControlledReconciler(_ => Task.FromResult(ReconcileResult.Done));
        var loop = new ReconcileLoop(queue, reconciler, time, new ReconcileLoopOptions { Concurrency = 1 }, new ThrowingObserver());
        loop.Start();

        queue.Add(Key("a"));
        await reconciler.NextCallAsync();
        queue.Add(Key("b"));
        await reconciler.NextCallAsync();

        Assert.True(await loop.StopAsync(Guard, CancellationToken.None));
        Assert.Equal(2, reconciler.CallCount);
    }

    private sealed class ThrowingObserver : IReconcileObserver
    {
        public void OnStarted(ReconcileKey key) => throw new InvalidOperationException();

        public void OnFinished(ReconcileKey key, ReconcileResult result, TimeSpan duration) => throw new InvalidOperationException();

        public void OnQueueDepth(int depth) => throw new InvalidOperationException();
    }
}
