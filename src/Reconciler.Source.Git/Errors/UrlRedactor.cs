using System.Text.RegularExpressions;

namespace Reconciler.Source.Git.Errors;

/// <summary>
/// Keeps tokens out of logs, exception messages and status. libgit2 echoes URLs in its messages, so every
/// text that leaves this adapter goes through <see cref="Redact"/>: user-info in any URL is masked and each
/// known secret (raw and percent-encoded) is replaced wherever it appears.
/// </summary>
internal static partial class UrlRedactor
{
    public const string Mask = "***";

    public static string Redact(string text, IReadOnlyCollection<string> secrets)
    {
        var result = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        foreach (var secret in secrets.Where(s => s.Length > 0).OrderByDescending(s => s.Length))
        {
            result = result.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (!string.Equals(escaped, secret, StringComparison.Ordinal))
            {
                result = result.Replace(escaped, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        return result;
    }

    /// <summary>Splits <c>https://user:secret@host/path</c> into the bare URL and its decoded user and password.</summary>
    public static string StripUserInfo(string url, out string? user, out string? password)
    {
        user = null;
        password = null;
        var match = UserInfo().Match(url);
        if (!match.Success || match.Index != 0)
        {
            return url;
        }

        var info = match.Groups["info"].Value;
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        user = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
        password = colon < 0 ? null : Uri.UnescapeDataString(info[(colon + 1)..]);
        return match.Groups["scheme"].Value + url[match.Length..];
    }

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<info>[^/@\s'""]+)@")]
    private static partial Regex UserInfo();
}
