using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Signing;
using Reconciler.TestKit;

namespace Reconciler.GitHub.Tests.Support;

/// <summary>Builds deliveries the way GitHub sends them, signed at test time, and a handler wired to recording sinks.</summary>
internal sealed class Deliveries
{
    public const string Secret = "test-webhook-secret-1f0c";

    public Deliveries(WebhookOptions? options = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 11, 23, 12, 0, 0, TimeSpan.Zero));
        Handler = new WebhookHandler(options ?? new WebhookOptions(), Sinks, Sinks, Time, Logger);
    }

    public FakeTimeProvider Time { get; }

    public RecordingSinks Sinks { get; } = new();

    public CollectingLogger<WebhookHandler> Logger { get; } = new();

    public WebhookHandler Handler { get; }

    public IReadOnlyList<WebhookSecret> Secrets { get; set; } = [WebhookSecret.FromString(Secret)];

    public static string FixturePath(string eventName, string file) => TestPaths.Fixture("webhooks", eventName, file);

    public static byte[] Fixture(string eventName, string file) => File.ReadAllBytes(FixturePath(eventName, file));

    public static string SignatureOf(byte[] body, string secret = Secret) => WebhookSignature.Sign(body, Encoding.UTF8.GetBytes(secret));

    /// <summary>Sends a body signed with <see cref="Secret"/> (or the given signature header, which may be null).</summary>
    public Task<WebhookResponse> SendAsync(string eventName, byte[] body, string? deliveryId = null, Optional<string?> signature = default)
    {
        var request = new WebhookRequest(
            eventName,
            deliveryId ?? Guid.NewGuid().ToString(),
            signature.IsSet ? signature.Value : SignatureOf(body),
            body.Length);
        return Handler.HandleAsync(request, new MemoryStream(body, writable: false), Secrets, CancellationToken.None);
    }

    public Task<WebhookResponse> SendAsync(string eventName, string body, string? deliveryId = null)
        => SendAsync(eventName, Encoding.UTF8.GetBytes(body), deliveryId);
}

/// <summary>Tells "not given" (sign normally) from an explicit null header.</summary>
internal readonly record struct Optional<T>(T Value)
{
    public bool IsSet { get; } = true;

    public static implicit operator Optional<T>(T value) => new(value);
}
