using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Docker.Storage;

/// <summary>
/// What an s3 volume was filled from, as labels on the volume (names only, no secret): the upload on stop reads them
/// from the volume itself, so it writes back to where the files came from even when workspace.yaml changed since.
/// </summary>
internal static class S3VolumeLabels
{
    public const string Endpoint = "dev.reconciler.s3.endpoint";
    public const string Bucket = "dev.reconciler.s3.bucket";
    public const string Prefix = "dev.reconciler.s3.prefix";
    public const string Sync = "dev.reconciler.s3.sync";
    public const string TwoWay = "two-way";

    public static Dictionary<string, string> For(StorageSpec storage) => new(StringComparer.Ordinal)
    {
        [Endpoint] = storage.Endpoint ?? "",
        [Bucket] = storage.Bucket ?? "",
        [Prefix] = storage.Prefix,
        [Sync] = storage.Sync == StorageSync.TwoWay ? TwoWay : "download",
    };

    /// <summary>Whether <paramref name="labels"/> name the same source and sync as <paramref name="storage"/>.</summary>
    public static bool Match(IDictionary<string, string>? labels, StorageSpec storage)
        => labels is not null && For(storage).All(w => labels.TryGetValue(w.Key, out var value) && value == w.Value);
}
