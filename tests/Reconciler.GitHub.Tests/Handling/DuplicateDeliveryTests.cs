using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;

namespace Reconciler.GitHub.Tests.Handling;

public sealed class DuplicateDeliveryTests
{
    private static readonly byte[] Push = Deliveries.Fixture("push", "with-new-branch.payload.json");

    [Fact]
    public async Task The_same_delivery_id_twice_reaches_the_sink_once()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();

        var first = await deliveries.SendAsync("push", Push, id);
        var second = await deliveries.SendAsync("push", Push, id);

        Assert.Equal((202, WebhookResult.Accepted), (first.StatusCode, first.Result));
        Assert.Equal((202, WebhookResult.Duplicate), (second.StatusCode, second.Result));
        Assert.Contains("duplicate", second.Message, StringComparison.Ordinal);
        Assert.Null(second.Event);
        Assert.Single(deliveries.Sinks.Pushes);
    }

    [Fact]
    public async Task After_the_window_the_same_id_is_processed_again()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();

        await deliveries.SendAsync("push", Push, id);
        deliveries.Time.Advance(TimeSpan.FromMinutes(59));
        var within = await deliveries.SendAsync("push", Push, id);
        deliveries.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await deliveries.SendAsync("push", Push, id);

        Assert.Equal(WebhookResult.Duplicate, within.Result);
        Assert.Equal(WebhookResult.Accepted, after.Result);
        Assert.Equal(2, deliveries.Sinks.Pushes.Count);
    }

    [Fact]
    public async Task A_badly_signed_copy_does_not_use_up_the_delivery_id()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();

        var forged = await deliveries.SendAsync("push", Push, id, signature: Deliveries.SignatureOf(Push, "guess"));
        var real = await deliveries.SendAsync("push", Push, id);

        Assert.Equal(401, forged.StatusCode);
        Assert.Equal(WebhookResult.Accepted, real.Result);
        Assert.Single(deliveries.Sinks.Pushes);
    }

    [Fact]
    public async Task A_malformed_delivery_is_not_remembered_so_its_redelivery_is_parsed_again()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();

        var first = await deliveries.SendAsync("push", "{\"ref\": 5}", id);
        var second = await deliveries.SendAsync("push", "{\"ref\": 5}", id);

        Assert.Equal(400, first.StatusCode);
        Assert.Equal(400, second.StatusCode);
    }

    [Fact]
    public async Task A_sink_failure_answers_503_and_the_redelivery_is_processed()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();
        deliveries.Sinks.FailNext = true;

        var failed = await deliveries.SendAsync("push", Push, id);
        var redelivered = await deliveries.SendAsync("push", Push, id);

        Assert.Equal((503, WebhookResult.SinkFailed), (failed.StatusCode, failed.Result));
        Assert.Equal((202, WebhookResult.Accepted), (redelivered.StatusCode, redelivered.Result));
        Assert.Single(deliveries.Sinks.Pushes);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_delivery_reach_the_sink_once()
    {
        var deliveries = new Deliveries();
        var id = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => deliveries.SendAsync("push", Push, id))));

        Assert.Single(deliveries.Sinks.Pushes);
        Assert.Equal(1, responses.Count(r => r.Result == WebhookResult.Accepted));
        Assert.Equal(31, responses.Count(r => r.Result == WebhookResult.Duplicate));
    }
}
