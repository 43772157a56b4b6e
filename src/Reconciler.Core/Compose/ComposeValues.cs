using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Compose;

/// <summary>Compose's value forms: string-or-list commands, map-or-list environments, durations.</summary>
internal static class ComposeValues
{
    /// <summary>A string is split into words as compose does (quotes group, no shell); a list is taken as it is.</summary>
    public static IReadOnlyList<string>? Words(JToken? token) => token switch
    {
        JArray a => [.. a.Select(v => (string?)v ?? "")],
        JValue { Type: JTokenType.String } v => Split((string)v!),
        _ => null,
    };

    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quote is { } q)
            {
                if (ch == q)
                {
                    quote = null;
                }
                else if (ch == '\\' && q == '"' && i + 1 < text.Length)
                {
                    word.Append(text[++i]);
                }
                else
                {
                    word.Append(ch);
                }
            }
            else if (ch is '"' or '\'')
            {
                quote = ch;
                inWord = true;
            }
            else if (char.IsWhiteSpace(ch))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (ch == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
                inWord = true;
            }
            else
            {
                word.Append(ch);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>A map (<c>KEY: value</c>) or a list (<c>KEY=value</c>); returns the entries with no value (<c>KEY</c>, <c>KEY: null</c>) apart.</summary>
    public static (SortedDictionary<string, string> Values, List<string> WithoutValue) Map(JToken? token)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        switch (token)
        {
            case JObject o:
                foreach (var p in o.Properties())
                {
                    if (p.Value.Type == JTokenType.Null)
                    {
                        missing.Add(p.Name);
                    }
                    else
                    {
                        values[p.Name] = Scalar(p.Value);
                    }
                }

                break;
            case JArray a:
                foreach (var item in a.Select(v => (string?)v ?? ""))
                {
                    var eq = item.IndexOf('=', StringComparison.Ordinal);
                    if (eq < 0)
                    {
                        missing.Add(item);
                    }
                    else
                    {
                        values[item[..eq]] = item[(eq + 1)..];
                    }
                }

                break;
        }

        return (values, missing);
    }

    public static string Scalar(JToken token) => token.Type switch
    {
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.Float => ((double)token).ToString(CultureInfo.InvariantCulture),
        _ => token.ToString(),
    };

    /// <summary>Go duration syntax as compose writes it (<c>1m30s</c>, <c>500ms</c>, <c>10s</c>) → nanoseconds; null when malformed.</summary>
    public static long? DurationNs(string text)
    {
        var total = 0.0;
        var i = 0;
        if (text.Length == 0)
        {
            return null;
        }

        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            double? scale = text[unitStart..i] switch
            {
                "ns" => 1,
                "us" or "µs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            total += number * scale.Value;
        }

        return (long)total;
    }
}
