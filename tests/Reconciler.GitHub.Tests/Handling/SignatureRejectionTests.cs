using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Signing;

namespace Reconciler.GitHub.Tests.Handling;

/// <summary>Anything but a correct <c>sha256=</c> signature is 401 and nothing reaches a sink.</summary>
public sealed class SignatureRejectionTests
{
    private static readonly byte[] Push = Deliveries.Fixture("push", "with-new-branch.payload.json");

    public static TheoryData<string?, WebhookResult> BadSignatures()
    {
        var good = Deliveries.SignatureOf(Push);
        return new TheoryData<string?, WebhookResult>
        {
            { null, WebhookResult.SignatureMissing },
            { "", WebhookResult.SignatureInvalid },
            { Deliveries.SignatureOf(Push, "another-secret"), WebhookResult.SignatureInvalid },
            { "sha1=" + new string('0', 40), WebhookResult.SignatureInvalid },
            { "sha256=" + good["sha256=".Length..].ToUpperInvariant(), WebhookResult.SignatureInvalid },
            { good[..^1], WebhookResult.SignatureInvalid },
            { good[..^1] + (good[^1] == '0' ? '1' : '0'), WebhookResult.SignatureInvalid },
            { good["sha256=".Length..], WebhookResult.SignatureInvalid },
        };
    }

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Is_401_with_nothing_enqueued(string? signature, WebhookResult expected)
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync("push", Push, signature: signature);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(expected, response.Result);
        Assert.Null(response.Event);
        Assert.Equal(0, deliveries.Sinks.Calls);
        Assert.Equal(1, deliveries.Handler.Counters[expected]);
    }

    [Fact]
    public async Task A_correctly_signed_body_with_a_sha1_header_only_is_401()
    {
        // GitHub also sends the legacy X-Hub-Signature (sha1=); a host that passes that header instead must not get through.
        var deliveries = new Deliveries();
        var sha1 = "sha1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA1.HashData("test-webhook-secret-1f0c"u8, Push));

        var response = await deliveries.SendAsync("push", Push, signature: sha1);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    [Fact]
    public async Task With_no_secret_configured_every_delivery_is_401()
    {
        var deliveries = new Deliveries { Secrets = [] };

        var response = await deliveries.SendAsync("push", Push);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    [Fact]
    public async Task The_old_and_the_new_secret_both_verify_while_rotating()
    {
        var deliveries = new Deliveries { Secrets = [WebhookSecret.FromString("rotated-in"), WebhookSecret.FromString(Deliveries.Secret)] };

        var oldSecret = await deliveries.SendAsync("push", Push);
        var newSecret = await deliveries.SendAsync("push", Push, signature: Deliveries.SignatureOf(Push, "rotated-in"));

        Assert.Equal(202, oldSecret.StatusCode);
        Assert.Equal(202, newSecret.StatusCode);
        Assert.Equal(2, deliveries.Sinks.Pushes.Count);
    }

    [Fact]
    public async Task An_unsigned_body_is_not_parsed_so_invalid_json_is_still_401()
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync("push", "{not json"u8.ToArray(), signature: "sha256=" + new string('a', 64));

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(0, deliveries.Handler.Counters[WebhookResult.Malformed]);
    }
}
