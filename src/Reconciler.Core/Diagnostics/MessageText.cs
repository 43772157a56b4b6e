using System.Text;

namespace Reconciler.Core.Diagnostics;

/// <summary>
/// User text inside a diagnostic message. Messages are one line, so control characters (a key may hold
/// <c>\n</c> through an escape) are written as escapes, and long values are cut.
/// </summary>
internal static class MessageText
{
    public const int MaxLength = 60;

    public static string Quote(string text) => "\"" + Escape(text) + "\"";

    public static string Escape(string text, int maxLength = MaxLength)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > maxLength ? text[..(maxLength - 3)] : text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                < ' ' or '\u007F' or '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Length > maxLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
