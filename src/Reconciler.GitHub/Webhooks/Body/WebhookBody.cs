using System.Buffers;

namespace Reconciler.GitHub.Webhooks.Body;

/// <summary>
/// The outcome of reading a request body under a cap. When <see cref="IsTooLarge"/> the bytes are gone and
/// <see cref="Bytes"/> is empty. Dispose returns the pooled buffer; the bytes must not be used afterwards.
/// </summary>
internal sealed class WebhookBody : IDisposable
{
    private byte[]? _rented;
    private readonly int _length;

    private WebhookBody(byte[]? rented, int length, bool tooLarge)
    {
        _rented = rented;
        _length = length;
        IsTooLarge = tooLarge;
    }

    public bool IsTooLarge { get; }

    public ReadOnlyMemory<byte> Bytes => _rented is null ? ReadOnlyMemory<byte>.Empty : _rented.AsMemory(0, _length);

    public static WebhookBody TooLarge() => new(null, 0, tooLarge: true);

    /// <summary>Takes ownership of a buffer rented from <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static WebhookBody Owning(byte[] rented, int length) => new(rented, length, tooLarge: false);

    public void Dispose()
    {
        var rented = Interlocked.Exchange(ref _rented, null);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
