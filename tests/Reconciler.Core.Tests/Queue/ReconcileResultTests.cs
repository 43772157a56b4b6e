using Reconciler.Core.Queue;

namespace Reconciler.Core.Tests.Queue;

public sealed class ReconcileResultTests
{
    [Fact]
    public void Each_factory_sets_its_outcome_delay_and_reason()
    {
        var error = new InvalidOperationException("engine down");

        Assert.Equal(ReconcileOutcome.Done, ReconcileResult.Done.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(2), ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(2)).Delay);
        Assert.Equal("bad yaml", ReconcileResult.Stalled("bad yaml").Reason);
        var waiting = ReconcileResult.Waiting("image missing", TimeSpan.FromSeconds(30));
        Assert.Equal((ReconcileOutcome.Waiting, TimeSpan.FromSeconds(30), "image missing"), (waiting.Outcome, waiting.Delay, waiting.Reason));
        var failed = ReconcileResult.Failed(error);
        Assert.Equal((ReconcileOutcome.Failed, "engine down"), (failed.Outcome, failed.Reason));
        Assert.Same(error, failed.Exception);
    }

    [Fact]
    public void Rejects_negative_delays_and_blank_reasons()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.Waiting("x", TimeSpan.FromSeconds(-1)));
        Assert.ThrowsAny<ArgumentException>(() => ReconcileResult.Stalled(" "));
        Assert.ThrowsAny<ArgumentException>(() => ReconcileResult.Failed(""));
    }
}
