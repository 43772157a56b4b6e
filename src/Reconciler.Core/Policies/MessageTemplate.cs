using System.Text.RegularExpressions;

namespace Reconciler.Core.Policies;

/// <summary>
/// A policy's <c>message</c>: text with placeholders <c>{workspace}</c>, <c>{value}</c> (the offending value),
/// <c>{pointer}</c> (its source pointer), <c>{team}</c>, <c>{owner}</c>, <c>{repository}</c>, <c>{policy}</c> and
/// <c>{detail}</c> (what the rule found, in its own words). An unknown placeholder is an error when the policy is read.
/// </summary>
internal static partial class MessageTemplate
{
    public static readonly string[] Placeholders = ["workspace", "value", "pointer", "team", "owner", "repository", "policy", "detail"];

    public static IEnumerable<string> Unknown(string template)
        => Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(name => !Placeholders.Contains(name)).Distinct();

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
        => Render(template, name => values.TryGetValue(name, out var value) ? value : null);

    /// <summary>
    /// Replaces each <c>{name}</c> (letters and underscores) that <paramref name="lookup"/> knows; anything else is kept as
    /// written. A plain scan (no regular expression): it runs once per violation.
    /// </summary>
    public static string Render(string template, Func<string, string?> lookup)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return template;
        }

        var builder = new System.Text.StringBuilder(template.Length + 64);
        var copied = 0;
        while (open >= 0)
        {
            var end = open + 1;
            while (end < template.Length && (char.IsAsciiLetter(template[end]) || template[end] == '_'))
            {
                end++;
            }

            if (end < template.Length && end > open + 1 && template[end] == '}' && lookup(template[(open + 1)..end]) is { } value)
            {
                builder.Append(template, copied, open - copied).Append(value);
                copied = end + 1;
                open = template.IndexOf('{', copied);
            }
            else
            {
                open = template.IndexOf('{', open + 1);
            }
        }

        return builder.Append(template, copied, template.Length - copied).ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z_]+)\}")]
    private static partial Regex Placeholder();
}
