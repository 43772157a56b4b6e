using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

/// <summary>The loop applies each result's retry policy, end to end through a running loop.</summary>
public sealed class LoopResultTests
{
    private static readonly ReconcileKey Repo = Key("acme/api");

    [Fact]
    public async Task A_stalled_key_is_not_retried_until_it_is_added_again()
    {
        var results = new Queue<ReconcileResult>([ReconcileResult.Stalled("unknown field 'gpus'"), ReconcileResult.Done]);
        await using var fixture = new LoopFixture(concurrency: 2, behaviour: _ => Task.FromResult(results.Dequeue()));

        fixture.Queue.Add(Repo);
        Assert.Equal(ReconcileOutcome.Stalled, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        fixture.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal((0, 0, 1), (fixture.Queue.Depth, fixture.Queue.DelayedCount, fixture.Reconciler.CallCount));

        // A new commit adds the key again.
        fixture.Queue.Add(Repo);
        Assert.Equal(ReconcileOutcome.Done, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        Assert.Equal(2, fixture.Reconciler.CallCount);
    }

    [Fact]
    public async Task A_waiting_key_runs_again_after_its_delay()
    {
        var results = new Queue<ReconcileResult>([ReconcileResult.Waiting("image not pushed", TimeSpan.FromSeconds(45)), ReconcileResult.Done]);
        await using var fixture = new LoopFixture(concurrency: 1, behaviour: _ => Task.FromResult(results.Dequeue()));

        fixture.Queue.Add(Repo);
        Assert.Equal(ReconcileOutcome.Waiting, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        fixture.Time.Advance(TimeSpan.FromSeconds(44));
        Assert.Equal((0, 1, 1), (fixture.Queue.Depth, fixture.Queue.DelayedCount, fixture.Reconciler.CallCount));
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ReconcileOutcome.Done, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        Assert.Equal(2, fixture.Reconciler.CallCount);
    }

    [Fact]
    public async Task Requeue_after_runs_again_after_its_delay_and_reports_the_duration()
    {
        var results = new Queue<ReconcileResult>([ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)), ReconcileResult.Done]);
        await using var fixture = new LoopFixture(concurrency: 1, behaviour: call => results.Count == 2 ? call.Completion.Task : Task.FromResult(results.Dequeue()));

        fixture.Queue.Add(Repo);
        var call = await fixture.Reconciler.NextCallAsync();
        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        call.Complete(results.Dequeue());
        var first = await fixture.Observer.NextFinishedAsync();
        Assert.Equal(TimeSpan.FromSeconds(3), first.Duration);

        fixture.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ReconcileOutcome.Done, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
    }
}
