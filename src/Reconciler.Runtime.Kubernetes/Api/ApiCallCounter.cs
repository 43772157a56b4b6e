namespace Reconciler.Runtime.Kubernetes.Api;

/// <summary>API calls made by one runtime: reads (get, list) and writes (apply, delete). Thread-safe.</summary>
internal sealed class ApiCallCounter
{
    private long _reads;
    private long _writes;

    public long Reads => Interlocked.Read(ref _reads);

    public long Writes => Interlocked.Read(ref _writes);

    public void Read() => Interlocked.Increment(ref _reads);

    public void Write() => Interlocked.Increment(ref _writes);
}
