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
        => Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{([A-Za-z_]+)\}")]
    private static partial Regex Placeholder();
}
