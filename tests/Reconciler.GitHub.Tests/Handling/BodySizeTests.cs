using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Body;

namespace Reconciler.GitHub.Tests.Handling;

public sealed class BodySizeTests
{
    [Fact]
    public async Task A_6_MB_delivery_is_413_without_reading_it_all()
    {
        var deliveries = new Deliveries();
        var stream = new CountingStream(6_000_000);
        var request = new WebhookRequest("push", Guid.NewGuid().ToString(), "sha256=" + new string('0', 64), ContentLength: null);

        var response = await deliveries.Handler.HandleAsync(request, stream, deliveries.Secrets, CancellationToken.None);

        Assert.Equal((413, WebhookResult.TooLarge), (response.StatusCode, response.Result));
        Assert.True(stream.BytesRead <= WebhookBodyReader.DefaultMaxBytes + WebhookBodyReader.ChunkBytes, $"read {stream.BytesRead} bytes");
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    [Fact]
    public async Task A_declared_6_MB_delivery_is_413_before_any_byte_is_read()
    {
        var deliveries = new Deliveries();
        var stream = new CountingStream(6_000_000);
        var request = new WebhookRequest("push", Guid.NewGuid().ToString(), "sha256=" + new string('0', 64), ContentLength: 6_000_000);

        var response = await deliveries.Handler.HandleAsync(request, stream, deliveries.Secrets, CancellationToken.None);

        Assert.Equal(413, response.StatusCode);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task A_smaller_configured_cap_applies()
    {
        var deliveries = new Deliveries(new WebhookOptions { MaxBodyBytes = 4096 });

        var response = await deliveries.SendAsync("push", Deliveries.Fixture("push", "with-new-branch.payload.json"));

        Assert.Equal(413, response.StatusCode);
    }

    [Fact]
    public async Task A_body_stream_that_fails_is_400_not_an_exception()
    {
        var deliveries = new Deliveries();
        var request = new WebhookRequest("push", Guid.NewGuid().ToString(), "sha256=" + new string('0', 64), null);

        var response = await deliveries.Handler.HandleAsync(request, new FailingStream(), deliveries.Secrets, CancellationToken.None);

        Assert.Equal((400, WebhookResult.Malformed), (response.StatusCode, response.Result));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(26 * 1024 * 1024)]
    public void Options_outside_GitHubs_range_are_refused_at_construction(int maxBodyBytes)
    {
        var error = Assert.Throws<ArgumentException>(() => new Deliveries(new WebhookOptions { MaxBodyBytes = maxBodyBytes }));

        Assert.Contains("MaxBodyBytes", error.Message, StringComparison.Ordinal);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => throw new IOException("client disconnected");
    }
}
