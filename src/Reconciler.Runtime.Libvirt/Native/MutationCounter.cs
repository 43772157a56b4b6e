namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>
/// Counts every call that changes the libvirt host (define, start, shutdown, destroy, undefine, qemu-img, seed
/// build, disk removal). Reads are never counted, so a no-op pass can be proven to add zero.
/// </summary>
internal sealed class MutationCounter
{
    private long _count;

    public long Value => Interlocked.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}
