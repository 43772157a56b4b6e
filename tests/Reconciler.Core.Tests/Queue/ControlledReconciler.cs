using System.Collections.Concurrent;
using System.Threading.Channels;
using Reconciler.Core.Queue;

namespace Reconciler.Core.Tests.Queue;

/// <summary>
/// A hand-written reconciler fake. By default each call waits until the test completes it; a behaviour can
/// answer instead. It records every call and checks the loop's promises: the concurrency limit and never the
/// same key twice at once.
/// </summary>
internal sealed class ControlledReconciler(Func<ReconcileCall, Task<ReconcileResult>>? behaviour = null) : IReconciler
{
    private readonly Channel<ReconcileCall> calls = Channel.CreateUnbounded<ReconcileCall>();
    private readonly ConcurrentDictionary<ReconcileKey, int> perKey = new();
    private int inFlight;
    private int maxInFlight;
    private int callCount;
    private int sameKeyOverlaps;

    public int InFlight => Volatile.Read(ref inFlight);

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public int CallCount => Volatile.Read(ref callCount);

    public int SameKeyOverlaps => Volatile.Read(ref sameKeyOverlaps);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileKey key, CancellationToken cancellationToken)
    {
        Enter(key);
        try
        {
            var call = new ReconcileCall(key, cancellationToken);
            Interlocked.Increment(ref callCount);
            calls.Writer.TryWrite(call);
            return await (behaviour?.Invoke(call) ?? call.Completion.Task);
        }
        finally
        {
            Exit(key);
        }
    }

    public Task<ReconcileCall> NextCallAsync() => calls.Reader.ReadAsync().AsTask().WaitAsync(QueueKit.Guard);

    private void Enter(ReconcileKey key)
    {
        var current = Interlocked.Increment(ref inFlight);
        int seen;
        while ((seen = Volatile.Read(ref maxInFlight)) < current && Interlocked.CompareExchange(ref maxInFlight, current, seen) != seen)
        {
        }

        if (perKey.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref sameKeyOverlaps);
        }
    }

    private void Exit(ReconcileKey key)
    {
        perKey.AddOrUpdate(key, 0, (_, n) => n - 1);
        Interlocked.Decrement(ref inFlight);
    }
}

internal sealed class ReconcileCall(ReconcileKey key, CancellationToken token)
{
    public ReconcileKey Key { get; } = key;

    public CancellationToken Token { get; } = token;

    public TaskCompletionSource<ReconcileResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Complete(ReconcileResult result) => Completion.SetResult(result);

    /// <summary>Waits for the test, but gives up when the loop cancels the token.</summary>
    public Task<ReconcileResult> HonourTokenAsync() => Completion.Task.WaitAsync(Token);
}

internal sealed record Finished(ReconcileKey Key, ReconcileResult Result, TimeSpan Duration);

/// <summary>Records what the loop reports.</summary>
internal sealed class RecordingObserver : IReconcileObserver
{
    private readonly Channel<Finished> finished = Channel.CreateUnbounded<Finished>();
    private int started;

    public int Started => Volatile.Read(ref started);

    public void OnStarted(ReconcileKey key) => Interlocked.Increment(ref started);

    public void OnFinished(ReconcileKey key, ReconcileResult result, TimeSpan duration)
        => finished.Writer.TryWrite(new Finished(key, result, duration));

    public void OnQueueDepth(int depth)
    {
    }

    public Task<Finished> NextFinishedAsync() => finished.Reader.ReadAsync().AsTask().WaitAsync(QueueKit.Guard);

    public async Task<IReadOnlyList<Finished>> FinishedAsync(int count)
    {
        var all = new List<Finished>();
        for (var i = 0; i < count; i++)
        {
            all.Add(await NextFinishedAsync());
        }

        return all;
    }

    /// <summary>True when no reconcile finished beyond those already read.</summary>
    public bool NoMoreFinished => !finished.Reader.TryPeek(out _);
}
