using System.Buffers;

namespace Reconciler.GitHub.Webhooks.Body;

/// <summary>
/// Reads a request body into a pooled buffer, refusing bodies over a cap. The cap exists because the
/// signature can only be checked over the whole body, so an unauthenticated sender could otherwise make the
/// worker buffer anything; reading stops as soon as one byte past the cap arrives, and a declared
/// <c>Content-Length</c> over the cap is refused before reading at all.
/// </summary>
internal static class WebhookBodyReader
{
    /// <summary>Default cap: 5 MiB. GitHub caps payloads at 25 MB; real push and pull_request payloads are tens of KiB.</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>Largest single read and the first buffer size when no length is declared.</summary>
    public const int ChunkBytes = 16 * 1024;

    public static async Task<WebhookBody> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (contentLength > maxBytes)
        {
            return WebhookBody.TooLarge();
        }

        // The declared length only sizes the first buffer; it is not trusted as the real length.
        var initial = contentLength is > 0 ? contentLength.Value + 1 : ChunkBytes;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(initial, (long)maxBytes + 1));
        var length = 0;
        var handedOver = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = Grow(buffer, length, maxBytes);
                }

                // Never ask for more than one byte past the cap: that byte is enough to know the body is too large.
                var want = Math.Min(Math.Min(buffer.Length - length, ChunkBytes), maxBytes + 1 - length);
                var read = await body.ReadAsync(buffer.AsMemory(length, want), cancellationToken);
                if (read == 0)
                {
                    handedOver = true;
                    return WebhookBody.Owning(buffer, length);
                }

                length += read;
                if (length > maxBytes)
                {
                    return WebhookBody.TooLarge();
                }
            }
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static byte[] Grow(byte[] buffer, int length, int maxBytes)
    {
        var size = (int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1);
        var larger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
