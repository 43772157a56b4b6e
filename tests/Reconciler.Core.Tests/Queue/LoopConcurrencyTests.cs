using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class LoopConcurrencyTests
{
    [Fact]
    public async Task Keys_run_concurrently_up_to_the_limit_and_never_the_same_key_twice_at_once()
    {
        await using var fixture = new LoopFixture(concurrency: 3);
        for (var i = 1; i <= 6; i++)
        {
            fixture.Queue.Add(Key($"r{i}"));
        }

        var calls = new List<ReconcileCall>();
        for (var i = 0; i < 3; i++)
        {
            calls.Add(await fixture.Reconciler.NextCallAsync());
        }

        // Three workers busy, three keys waiting; re-adding a busy key does not start it a second time.
        Assert.Equal((3, 3, 3), (fixture.Reconciler.InFlight, fixture.Queue.Depth, fixture.Queue.ProcessingCount));
        fixture.Queue.Add(calls[0].Key);
        Assert.Equal(3, fixture.Queue.Depth);

        // Six keys plus one re-run of the key added while it was processing.
        const int total = 7;
        for (var i = 0; i < total; i++)
        {
            calls[i].Complete(ReconcileResult.Done);
            if (calls.Count < total)
            {
                calls.Add(await fixture.Reconciler.NextCallAsync());
            }
        }

        var finished = await fixture.Observer.FinishedAsync(total);
        Assert.Equal(3, fixture.Reconciler.MaxInFlight);
        Assert.Equal(0, fixture.Reconciler.SameKeyOverlaps);
        Assert.Equal(2, finished.Count(f => f.Key == calls[0].Key));
        Assert.Equal(total, fixture.Reconciler.CallCount);
        Assert.Equal((0, 0), (fixture.Queue.Depth, fixture.Queue.ProcessingCount));
    }

    [Fact]
    public async Task A_hung_key_holds_one_worker_and_the_others_complete()
    {
        var hung = Key("hung");
        await using var fixture = new LoopFixture(
            concurrency: 2,
            behaviour: call => call.Key == hung ? call.HonourTokenAsync() : Task.FromResult(ReconcileResult.Done));

        fixture.Queue.Add(hung);
        for (var i = 1; i <= 5; i++)
        {
            fixture.Queue.Add(Key($"r{i}"));
        }

        var finished = await fixture.Observer.FinishedAsync(5);

        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => Key($"r{i}"))], finished.Select(f => f.Key).ToArray());
        Assert.Equal(1, fixture.Reconciler.InFlight);
        Assert.Equal(1, fixture.Queue.ProcessingCount);
    }
}
