using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Storage;

/// <summary>Finds the configured endpoint of an s3 volume, and turns the object store's failures into a reported step.</summary>
internal static class S3Stores
{
    public static IObjectStore Find(DockerRuntimeOptions options, string? endpoint, string storage)
        => endpoint is not null && options.ObjectStores.TryGetValue(endpoint, out var store)
            ? store
            : throw new StepFailedException(
                "S3EndpointMissing",
                $"storage {storage} names s3 endpoint '{endpoint}', which this worker has not configured (storage.s3 in the worker configuration, see docs/storage.md)");

    /// <summary>
    /// Runs one transfer; any failure of the store (the client's own exceptions, HTTP, I/O) becomes <c>S3SyncFailed</c>.
    /// The adapter is not bound to one client library, so this is the one place that catches broadly.
    /// </summary>
    public static async Task GuardAsync(string storage, string what, Func<Task> transfer)
    {
        try
        {
            await transfer();
        }
        catch (Exception e) when (e is not (OperationCanceledException or StepFailedException or OutOfMemoryException))
        {
            throw new StepFailedException("S3SyncFailed", $"storage {storage}: the {what} failed: {e.Message}");
        }
    }
}
