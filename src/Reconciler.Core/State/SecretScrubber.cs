using System.Text.RegularExpressions;

namespace Reconciler.Core.State;

/// <summary>
/// Defence in depth for free text that reaches the database (messages, last errors): git and HTTP errors
/// often echo a URL with a token in it. The API never takes a secret on purpose; this masks the ones
/// that slip in by accident. It is not a substitute for keeping secrets out of messages.
/// </summary>
public static partial class SecretScrubber
{
    public const string Mask = "***";

    /// <summary>Masks URL user info, bearer/basic credentials and well-known token formats.</summary>
    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrubbed = UrlUserInfo().Replace(text, "${scheme}" + Mask + "@");
        scrubbed = AuthorizationValue().Replace(scrubbed, "${scheme} " + Mask);
        return KnownToken().Replace(scrubbed, Mask);
    }

    public static string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);

    /// <summary>True when <paramref name="url"/> carries user info (<c>https://user:token@host/…</c>).</summary>
    public static bool HasCredentials(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.UserInfo.Length > 0 : UrlUserInfo().IsMatch(url);

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)[^/\s@]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|token))\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex KnownToken();
}
