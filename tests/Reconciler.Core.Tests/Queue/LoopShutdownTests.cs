using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class LoopShutdownTests
{
    private static readonly ReconcileKey Repo = Key("acme/api");

    [Fact]
    public async Task Stop_waits_for_in_flight_work_and_takes_no_more()
    {
        await using var fixture = new LoopFixture(concurrency: 2);
        fixture.Queue.Add(Repo);
        var call = await fixture.Reconciler.NextCallAsync();

        var stop = fixture.Loop.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        fixture.Queue.Add(Key("late"));
        Assert.False(stop.IsCompleted);
        call.Complete(ReconcileResult.Done);

        Assert.True(await stop.WaitAsync(Guard));
        Assert.False(call.Token.IsCancellationRequested);
        Assert.Equal(ReconcileOutcome.Done, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        Assert.Equal(1, fixture.Reconciler.CallCount);
    }

    [Fact]
    public async Task Stop_cancels_in_flight_work_after_the_timeout()
    {
        await using var fixture = new LoopFixture(concurrency: 2, behaviour: call => call.HonourTokenAsync());
        fixture.Queue.Add(Repo);
        var call = await fixture.Reconciler.NextCallAsync();

        var stop = fixture.Loop.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(stop.IsCompleted);
        Assert.False(call.Token.IsCancellationRequested);
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await stop.WaitAsync(Guard));
        Assert.True(call.Token.IsCancellationRequested);
        var finished = await fixture.Observer.NextFinishedAsync();
        Assert.Equal((ReconcileOutcome.Failed, "Abandoned at shutdown."), (finished.Result.Outcome, finished.Result.Reason));
    }

    [Fact]
    public async Task Stop_abandons_a_reconcile_that_ignores_its_token()
    {
        // The default behaviour waits for the test and ignores the token.
        await using var fixture = new LoopFixture(concurrency: 1);
        fixture.Queue.Add(Repo);
        var call = await fixture.Reconciler.NextCallAsync();

        var stop = fixture.Loop.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(await stop.WaitAsync(Guard));
        Assert.Equal(ReconcileOutcome.Failed, (await fixture.Observer.NextFinishedAsync()).Result.Outcome);
        call.Complete(ReconcileResult.Done);
    }

    [Fact]
    public async Task The_host_deadline_abandons_at_once()
    {
        await using var fixture = new LoopFixture(concurrency: 1, behaviour: call => call.HonourTokenAsync());
        fixture.Queue.Add(Repo);
        var call = await fixture.Reconciler.NextCallAsync();
        using var deadline = new CancellationTokenSource();

        var stop = fixture.Loop.StopAsync(TimeSpan.FromMinutes(5), deadline.Token);
        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stop.WaitAsync(Guard));
        Assert.True(call.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Stop_with_nothing_in_flight_returns_at_once()
    {
        await using var fixture = new LoopFixture(concurrency: 4);

        Assert.True(await fixture.Loop.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(Guard));
        Assert.True(fixture.Queue.IsShutDown);
    }
}
