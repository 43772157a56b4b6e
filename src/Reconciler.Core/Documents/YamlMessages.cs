using System.Text.RegularExpressions;

namespace Reconciler.Core.Documents;

/// <summary>Keeps diagnostics one line long and free of YamlDotNet's own position prefix (we add file:line:col).</summary>
internal static partial class YamlMessages
{
    private const int MaxShown = 60;

    public static string Clean(string message)
    {
        var text = Position().Replace(message, "");
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim().TrimEnd('.');
        return text.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>Values quoted in messages are cut so a hostile 1 MiB key does not become a 1 MiB message.</summary>
    public static string Shorten(string value)
    {
        var oneLine = value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return oneLine.Length <= MaxShown ? oneLine : oneLine[..MaxShown] + "…";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex Position();
}
