namespace Reconciler.Runtime.Docker.Engine;

/// <summary>
/// Counts every Docker API call that changes engine state (create, start, stop, remove, exec, volume,
/// pull, build, archive upload). Reads are never counted, so a no-op pass can be proven to add zero.
/// </summary>
internal sealed class MutationCounter
{
    private long _count;

    public long Value => Interlocked.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
