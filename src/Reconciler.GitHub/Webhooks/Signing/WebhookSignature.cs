using System.Security.Cryptography;

namespace Reconciler.GitHub.Webhooks.Signing;

/// <summary>
/// Verifies GitHub's <c>X-Hub-Signature-256</c> header: <c>sha256=</c> followed by the 64 lower-case hex
/// digits of HMAC-SHA256(secret, raw body). The legacy <c>X-Hub-Signature</c> (<c>sha1=</c>) is refused.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header GitHub signs deliveries with.</summary>
    public const string HeaderName = "X-Hub-Signature-256";

    private const string Prefix = "sha256=";
    private const int DigestBytes = 32;

    /// <summary>True when <paramref name="header"/> is a well-formed signature of <paramref name="body"/> under <paramref name="secret"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? header, ReadOnlySpan<byte> secret)
    {
        Span<byte> claimed = stackalloc byte[DigestBytes];
        return TryDecode(header, claimed) && Matches(body, claimed, secret);
    }

    /// <summary>
    /// True when the signature verifies under any of <paramref name="secrets"/> (rotation: old and new secret
    /// are configured together for a while). Every secret is tried, so the time taken does not say which matched.
    /// </summary>
    public static bool VerifyAny(ReadOnlySpan<byte> body, string? header, IReadOnlyList<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        Span<byte> claimed = stackalloc byte[DigestBytes];
        if (!TryDecode(header, claimed))
        {
            return false;
        }

        var verified = false;
        foreach (var secret in secrets)
        {
            verified |= Matches(body, claimed, secret.Key);
        }

        return verified;
    }

    /// <summary>A signature as GitHub would send it; for tests and for the documentation's examples.</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> secret)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        HMACSHA256.HashData(secret, body, digest);
        return Prefix + Convert.ToHexStringLower(digest);
    }

    private static bool Matches(ReadOnlySpan<byte> body, ReadOnlySpan<byte> claimed, ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            // An empty key is a configuration mistake; it must never make a forged delivery pass.
            return false;
        }

        Span<byte> expected = stackalloc byte[DigestBytes];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed);
    }

    /// <summary>Only the exact form GitHub sends is accepted: lower-case prefix and 64 lower-case hex digits.</summary>
    private static bool TryDecode(string? header, Span<byte> digest)
    {
        if (header is null || header.Length != Prefix.Length + (2 * DigestBytes) || !header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var hex = header.AsSpan(Prefix.Length);
        for (var i = 0; i < DigestBytes; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            digest[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
