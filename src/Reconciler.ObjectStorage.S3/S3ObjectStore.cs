using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Reconciler.Core.Ports;

namespace Reconciler.ObjectStorage.S3;

/// <summary>
/// <see cref="IObjectStore"/> with the official S3 client against any S3-compatible endpoint. Checksums are sent and
/// validated only where the operation requires them and uploads are not chunk-encoded: S3-compatible servers
/// (MinIO, Ceph RGW, s3rver) do not all speak the newer trailing-checksum and aws-chunked forms.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;

    public S3ObjectStore(S3EndpointSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config
        {
            ServiceURL = settings.Url.ToString(),
            AuthenticationRegion = settings.Region,
            ForcePathStyle = settings.PathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        _client = new AmazonS3Client(new BasicAWSCredentials(settings.AccessKey, settings.SecretKey), config);
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string bucket, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix.Length == 0 ? null : prefix };
        while (true)
        {
            var response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in response.S3Objects ?? [])
            {
                yield return new StoredObject(item.Key, item.Size ?? 0, (item.ETag ?? "").Trim('"'));
            }

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                yield break;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    public async Task DownloadAsync(string bucket, string key, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
        await response.ResponseStream.CopyToAsync(destination, cancellationToken);
    }

    public async Task UploadAsync(string bucket, string key, Stream content, CancellationToken cancellationToken)
        => await _client.PutObjectAsync(
            new PutObjectRequest { BucketName = bucket, Key = key, InputStream = content, AutoCloseStream = false, UseChunkEncoding = false },
            cancellationToken);

    public void Dispose() => _client.Dispose();
}
