using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Compose;

/// <summary>
/// A compose <c>env_file</c>: <c>KEY=value</c> lines, <c>#</c> comments and blank lines ignored, an optional
/// <c>export </c> prefix, a value in single quotes taken literally and in double quotes with <c>\n</c>, <c>\"</c> and
/// <c>\\</c> escapes. A line without <c>=</c> (compose would copy the worker's variable) and <c>${…}</c> substitution are
/// located errors, as in compose files.
/// </summary>
internal static class EnvFileParser
{
    public static SortedDictionary<string, string> Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var at = new SourceLocation(file, i + 1, 1);
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                diagnostics.Error(DiagnosticCodes.ComposeKeyUnsupported, $"'{line}' has no value; compose would copy the worker's own variable: write NAME=value", at);
                continue;
            }

            var raw = line[(eq + 1)..].Trim();
            string value;
            var close = raw.Length >= 2 && raw[0] is '\'' or '"' ? ClosingQuote(raw) : -1;
            if (close > 0 && raw[0] == '\'')
            {
                value = raw[1..close];
            }
            else if (close > 0)
            {
                value = raw[1..close].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }
            else
            {
                var comment = raw.IndexOf(" #", StringComparison.Ordinal);
                value = comment >= 0 ? raw[..comment].TrimEnd() : raw;
            }

            if (!raw.StartsWith('\'') && value.Contains("${", StringComparison.Ordinal))
            {
                diagnostics.Error(DiagnosticCodes.ComposeKeyUnsupported, $"variable substitution in {line[..eq]} is not supported (no shell or .env on the worker); write the value", at);
                continue;
            }

            values[line[..eq].Trim()] = value;
        }

        return values;
    }

    /// <summary>Index of the quote closing the one at 0 (a double-quoted value skips escaped characters); -1 when unclosed.</summary>
    private static int ClosingQuote(string raw)
    {
        for (var i = 1; i < raw.Length; i++)
        {
            if (raw[0] == '"' && raw[i] == '\\')
            {
                i++;
            }
            else if (raw[i] == raw[0])
            {
                return i;
            }
        }

        return -1;
    }
}
