using System.Text;

namespace Reconciler.GitHub.Webhooks.Signing;

/// <summary>
/// One configured webhook secret. The bytes are not reachable through <see cref="ToString"/>, so a secret
/// that ends up in a log message, an exception or a debugger display shows as redacted.
/// </summary>
public sealed class WebhookSecret
{
    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>The HMAC key: the UTF-8 bytes of the secret as typed into GitHub's webhook settings.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>A secret as GitHub stores it. Empty or whitespace-only secrets are refused: they would verify forged deliveries.</summary>
    public static WebhookSecret FromString(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new ArgumentException("A webhook secret must not be empty.", nameof(secret));
        }

        return new WebhookSecret(Encoding.UTF8.GetBytes(secret));
    }

    public override string ToString() => "WebhookSecret(redacted)";
}
