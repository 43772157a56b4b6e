using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Images;

/// <summary>
/// Puts listed base images (<see cref="LibvirtRuntimeOptions.Images"/>) into the image directory once. A download is
/// streamed into a hidden temporary file beside the target, hashed on the way, cut off past
/// <see cref="LibvirtRuntimeOptions.MaxImageBytes"/>, and renamed to its name only when the SHA-256 matches: a failure
/// or a kill leaves no file under the image's name (a stale temporary file is deleted by the next attempt). A file
/// already there is hashed once per process (then remembered by size and write time) and never re-downloaded; one
/// whose digest differs is never replaced, since overlays may be built over it: the operator must look at it.
/// </summary>
internal sealed class BaseImageDownloader(LibvirtRuntimeOptions options, HttpClient http, ILogger logger)
{
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written)> _verified = new(StringComparer.Ordinal);

    /// <summary>Downloads <paramref name="image"/> when it is listed and not there yet; does nothing for an image that is not listed.</summary>
    public async Task EnsureAsync(string image, CancellationToken cancellationToken)
    {
        if (options.Images.FirstOrDefault(i => i.Name == image) is not { } source)
        {
            return;
        }

        var gate = _gates.GetOrAdd(image, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var target = Path.Combine(options.ImageDirectory, source.Name);
            if (File.Exists(target))
            {
                await VerifyPresentAsync(source, target, cancellationToken);
                return;
            }

            await DownloadAsync(source, target, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task VerifyPresentAsync(BaseImageSource source, string target, CancellationToken cancellationToken)
    {
        var info = new FileInfo(target);
        if (_verified.TryGetValue(target, out var seen) && seen == (info.Length, info.LastWriteTimeUtc))
        {
            return;
        }

        string digest;
        await using (var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
        {
            digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        if (digest != source.Sha256)
        {
            throw new StepFailedException(
                "BaseImageChecksumMismatch",
                $"base image {target} is present but its sha256 is {digest}, not {source.Sha256} as listed for it; it is left as it is (overlays may use it): replace or remove it by hand, or fix the listed sha256");
        }

        _verified[target] = (info.Length, info.LastWriteTimeUtc);
    }

    private async Task DownloadAsync(BaseImageSource source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.ImageDirectory);
        var temporary = Path.Combine(options.ImageDirectory, $".{source.Name}.download");
        File.Delete(temporary); // left by a killed earlier attempt: never trusted, never renamed
        Log.ImageDownloading(logger, source.Name, source.Url.GetLeftPart(UriPartial.Path));
        var started = options.TimeProvider.GetTimestamp();
        try
        {
            var (digest, length) = await FetchAsync(source, temporary, cancellationToken);
            if (digest != source.Sha256)
            {
                throw Failed(source, $"the download has sha256 {digest}, not the listed {source.Sha256}; nothing was kept");
            }

            File.Move(temporary, target, overwrite: false);
            _verified[target] = (length, File.GetLastWriteTimeUtc(target));
            Log.ImageDownloaded(logger, source.Name, length, (long)options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<(string Digest, long Length)> FetchAsync(BaseImageSource source, string temporary, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(source.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failed(source, $"{source.Url.GetLeftPart(UriPartial.Path)} is unreachable: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(source, $"{source.Url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > options.MaxImageBytes)
            {
                throw Failed(source, $"it is {response.Content.Headers.ContentLength} bytes, over the limit of {options.MaxImageBytes} bytes (maxImageSizeGiB)");
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            long length = 0;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                int read;
                while ((read = await ReadAsync(source, body, buffer, cancellationToken)) > 0)
                {
                    length += read;
                    if (length > options.MaxImageBytes)
                    {
                        throw Failed(source, $"it is over the limit of {options.MaxImageBytes} bytes (maxImageSizeGiB); the download was stopped");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
    }

    /// <summary>One read of the body; a server silent for <see cref="StallTimeout"/> fails the download instead of holding the pass.</summary>
    private static async Task<int> ReadAsync(BaseImageSource source, Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        try
        {
            return await body.ReadAsync(buffer, stall.Token);
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Failed(source, $"the download from {source.Url.GetLeftPart(UriPartial.Path)} broke off: {e.Message}");
        }
    }

    private static StepFailedException Failed(BaseImageSource source, string why)
        => new("BaseImageDownloadFailed", $"base image '{source.Name}' could not be downloaded: {why}");
}
