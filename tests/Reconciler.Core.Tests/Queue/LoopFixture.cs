using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;

namespace Reconciler.Core.Tests.Queue;

/// <summary>A started loop over a fake clock, a zero-jitter queue, a controlled reconciler and a recording observer.</summary>
internal sealed class LoopFixture : IAsyncDisposable
{
    public LoopFixture(int concurrency, Func<ReconcileCall, Task<ReconcileResult>>? behaviour = null, TimeSpan? reconcileTimeout = null)
    {
        Queue = QueueKit.NewQueue(Time);
        Reconciler = new ControlledReconciler(behaviour);
        Loop = new ReconcileLoop(
            Queue,
            Reconciler,
            Time,
            new ReconcileLoopOptions { Concurrency = concurrency, ReconcileTimeout = reconcileTimeout },
            Observer);
        Loop.Start();
    }

    public FakeTimeProvider Time { get; } = new();

    public WorkQueue Queue { get; }

    public ControlledReconciler Reconciler { get; }

    public RecordingObserver Observer { get; } = new();

    public ReconcileLoop Loop { get; }

    public async ValueTask DisposeAsync() => await Loop.StopAsync(TimeSpan.Zero, CancellationToken.None).WaitAsync(QueueKit.Guard);
}
