namespace Reconciler.ObjectStorage.S3;

/// <summary>
/// One S3-compatible endpoint with its resolved keys. <see cref="ToString"/> leaves the secret key out, so the
/// record is safe to log.
/// </summary>
/// <param name="PathStyle">Address buckets as <c>URL/bucket</c> (MinIO, Ceph RGW, s3rver) instead of <c>bucket.host</c>.</param>
public sealed record S3EndpointSettings(Uri Url, string Region, bool PathStyle, string AccessKey, string SecretKey)
{
    public override string ToString() => $"{Url} (region {Region}{(PathStyle ? ", path-style" : "")}, access key {AccessKey})";
}
