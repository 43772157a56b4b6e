namespace Reconciler.Core.Ports;

/// <summary>
/// One S3-compatible endpoint of the worker configuration (<c>storage.s3.&lt;name&gt;</c>), with its credentials
/// already resolved: <c>s3</c> volumes are filled from it at create and written back to it on stop (docs/storage.md).
/// </summary>
public interface IObjectStore
{
    /// <summary>Every object under <paramref name="prefix"/> ("" for the whole bucket), in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string bucket, string prefix, CancellationToken cancellationToken);

    /// <summary>Copies one object's content into <paramref name="destination"/>.</summary>
    Task DownloadAsync(string bucket, string key, Stream destination, CancellationToken cancellationToken);

    /// <summary>Writes one object; <paramref name="content"/> is seekable and read from its start.</summary>
    Task UploadAsync(string bucket, string key, Stream content, CancellationToken cancellationToken);
}

/// <summary>One object as listed: its key, size and the store's content tag (for S3 the ETag, an MD5 for simple uploads).</summary>
public sealed record StoredObject(string Key, long Size, string ETag);
