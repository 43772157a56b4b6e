using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks.Body;

namespace Reconciler.GitHub.Tests.Body;

public sealed class WebhookBodyReaderTests
{
    private const int Cap = WebhookBodyReader.DefaultMaxBytes;

    [Fact]
    public async Task A_6_MB_body_is_refused_after_reading_at_most_the_cap_and_one_buffer()
    {
        var stream = new CountingStream(6_000_000);

        using var body = await WebhookBodyReader.ReadAsync(stream, contentLength: null, Cap, CancellationToken.None);

        Assert.True(body.IsTooLarge);
        Assert.True(body.Bytes.IsEmpty);
        Assert.InRange(stream.BytesRead, Cap + 1, Cap + WebhookBodyReader.ChunkBytes);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_without_reading()
    {
        var stream = new CountingStream(6_000_000);

        using var body = await WebhookBodyReader.ReadAsync(stream, contentLength: 6_000_000, Cap, CancellationToken.None);

        Assert.True(body.IsTooLarge);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task A_declared_length_smaller_than_the_body_does_not_lift_the_cap()
    {
        var stream = new CountingStream(6_000_000);

        using var body = await WebhookBodyReader.ReadAsync(stream, contentLength: 100, Cap, CancellationToken.None);

        Assert.True(body.IsTooLarge);
        Assert.True(stream.BytesRead <= Cap + WebhookBodyReader.ChunkBytes);
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_read_whole()
    {
        var stream = new CountingStream(Cap);

        using var body = await WebhookBodyReader.ReadAsync(stream, contentLength: null, Cap, CancellationToken.None);

        Assert.False(body.IsTooLarge);
        Assert.Equal(Cap, body.Bytes.Length);
    }

    [Fact]
    public async Task One_byte_over_the_cap_is_too_large()
    {
        using var body = await WebhookBodyReader.ReadAsync(new CountingStream(Cap + 1), contentLength: null, Cap, CancellationToken.None);

        Assert.True(body.IsTooLarge);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData(100_000)]
    public async Task Bodies_arriving_in_small_pieces_are_read_exactly(int length)
    {
        var content = new byte[length];
        new Random(length).NextBytes(content);

        using var body = await WebhookBodyReader.ReadAsync(new TricklingStream(content, 7), contentLength: null, Cap, CancellationToken.None);

        Assert.False(body.IsTooLarge);
        Assert.Equal(content, body.Bytes.ToArray());
    }

    [Fact]
    public async Task A_correct_declared_length_reads_the_body()
    {
        var content = "{\"zen\":\"ok\"}"u8.ToArray();

        using var body = await WebhookBodyReader.ReadAsync(new MemoryStream(content), content.Length, Cap, CancellationToken.None);

        Assert.Equal(content, body.Bytes.ToArray());
    }

    private sealed class TricklingStream(byte[] content, int chunk) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
