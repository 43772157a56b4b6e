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
    /// written.
    /// </summary>
    public static string Render(string template, Func<string, string?> lookup)
    {
        var builder = new System.Text.StringBuilder(template.Length + 64);
        var copied = 0;
        foreach (var (start, end) in Scan(template))
        {
            if (lookup(template[(start + 1)..(end - 1)]) is { } value)
            {
                builder.Append(template, copied, start - copied).Append(value);
                copied = end;
            }
        }

        return builder.Append(template, copied, template.Length - copied).ToString();
    }

    /// <summary>
    /// The template split once into literal text and the known placeholders (<see cref="Placeholders"/>), so that a
    /// violation's message is rendered without scanning, and only the placeholders it uses are computed.
    /// </summary>
    public static CompiledMessage Compile(string template)
    {
        var parts = new List<(string Literal, int Placeholder)>();
        var copied = 0;
        foreach (var (start, end) in Scan(template))
        {
            var index = Array.IndexOf(Placeholders, template[(start + 1)..(end - 1)]);
            if (index >= 0)
            {
                parts.Add((template[copied..start], index));
                copied = end;
            }
        }

        parts.Add((template[copied..], -1));
        return new CompiledMessage([.. parts]);
    }

    /// <summary>
    /// Each <c>{name}</c> candidate, as [start, end) including the braces, in order. A plain scan (no regular
    /// expression): a candidate that is not replaced lets the scan go on from the character after its <c>{</c>.
    /// Callers replace a candidate or not; a replaced one ends at its <c>}</c>, so candidates never overlap.
    /// </summary>
    private static IEnumerable<(int Start, int End)> Scan(string template)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        while (open >= 0)
        {
            var end = open + 1;
            while (end < template.Length && (char.IsAsciiLetter(template[end]) || template[end] == '_'))
            {
                end++;
            }

            if (end < template.Length && end > open + 1 && template[end] == '}')
            {
                yield return (open, end + 1);
                open = template.IndexOf('{', end + 1);
            }
            else
            {
                open = template.IndexOf('{', open + 1);
            }
        }
    }

    [GeneratedRegex(@"\{([A-Za-z_]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>A <see cref="MessageTemplate"/> split into literal text and placeholder indexes (-1: none, the last part).</summary>
internal sealed class CompiledMessage((string Literal, int Placeholder)[] parts)
{
    private readonly int _used = parts.Aggregate(0, (mask, p) => p.Placeholder < 0 ? mask : mask | (1 << p.Placeholder));

    /// <summary>Whether the template uses the placeholder at <paramref name="index"/> in <see cref="MessageTemplate.Placeholders"/>.</summary>
    public bool Uses(int index) => (_used & (1 << index)) != 0;

    /// <summary>The text with each placeholder replaced by <paramref name="values"/>[its index].</summary>
    public string Render(ReadOnlySpan<string?> values)
    {
        var builder = new System.Text.StringBuilder(128);
        foreach (var (literal, placeholder) in parts)
        {
            builder.Append(literal);
            if (placeholder >= 0)
            {
                builder.Append(values[placeholder]);
            }
        }

        return builder.ToString();
    }
}
