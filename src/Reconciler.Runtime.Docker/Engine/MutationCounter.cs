namespace Reconciler.Runtime.Docker.Engine;

/// <summary>
/// Counts every Docker API call that changes engine state (create, start, stop, remove, exec, volume,
/// pull, build, archive upload). Reads are never counted, so a no-op pass can be proven to add zero.
/// </summary>
internal sealed class MutationCounter
{
    private long _count;

    public long Value => Interlocked.Read(ref _count);

    private long _featureBuilds;

    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>Image builds of the Features step (each also counted by <see cref="Add"/>); a cached layer is none.</summary>
    public long FeatureBuilds => Interlocked.Read(ref _featureBuilds);

    public void AddFeatureBuild()
    {
        Add();
        Interlocked.Increment(ref _featureBuilds);
    }
}
