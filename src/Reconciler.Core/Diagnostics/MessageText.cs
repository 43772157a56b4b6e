using System.Buffers;
using System.Text;

namespace Reconciler.Core.Diagnostics;

/// <summary>
/// User text inside a diagnostic message. Messages are one line, so control characters (a key may hold
/// <c>\n</c> through an escape) are written as escapes, and long values are cut.
/// </summary>
internal static class MessageText
{
    public const int MaxLength = 60;

    // Every character Escape rewrites: the controls (below a space), DEL, NEL, the two Unicode line separators and '"'.
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\u007F\u0085\u2028\u2029");

    public static string Quote(string text) => "\"" + Escape(text) + "\"";

    public static string Escape(string text, int maxLength = MaxLength)
    {
        // Most values need nothing (policy messages quote one per violation): answer them without copying.
        if (text.Length <= maxLength && !text.AsSpan().ContainsAny(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.Length > maxLength ? text[..(maxLength - 3)] : text)
        {
            _ = c switch
            {
                '\n' => builder.Append("\\n"),
                '\r' => builder.Append("\\r"),
                '\t' => builder.Append("\\t"),
                '"' => builder.Append("\\\""),
                < ' ' or '\u007F' or '\u2028' or '\u2029' or '\u0085' => builder.Append($"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        return text.Length > maxLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
