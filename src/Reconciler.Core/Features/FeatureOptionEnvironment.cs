using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Features;

/// <summary>
/// Turns a Feature's option values into the variables its <c>install.sh</c> sees (devcontainer-features.env), as the
/// spec defines: defaults first, then the user's values; the name uppercased with every character outside
/// <c>[A-Za-z0-9_]</c> replaced by <c>_</c> and a leading run of digits/underscores replaced by one <c>_</c>.
/// </summary>
public static partial class FeatureOptionEnvironment
{
    /// <summary>The spec's option-name → variable-name rule (@devcontainers/cli <c>getSafeId</c>).</summary>
    public static string VariableName(string option)
        => LeadingDigits().Replace(NonWord().Replace(option, "_"), "_").ToUpperInvariant();

    /// <summary>
    /// The user's value for a Feature (<c>"lts"</c> means <c>{ "version": "lts" }</c>, <c>true</c> means defaults) as an
    /// object, or an error message when it has another shape.
    /// </summary>
    public static JObject? UserOptions(JToken? value, out string? error)
    {
        error = null;
        switch (value)
        {
            case null or { Type: JTokenType.Null }:
                return [];
            case JObject obj:
                return obj;
            case JValue { Type: JTokenType.String } text:
                return new JObject { ["version"] = text.Value<string>() };
            case JValue { Type: JTokenType.Boolean }:
                return [];
            default:
                error = $"Feature options must be an object (or a version string), not {Describe(value)}";
                return null;
        }
    }

    /// <summary>
    /// <c>NAME=value</c> pairs in the order of the merged options (defaults in declaration order, then extra user options).
    /// A value of the wrong type or outside an option's <c>enum</c> is an error naming the option.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Build(FeatureManifest manifest, JObject userOptions, List<string> errors)
    {
        var merged = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, option) in manifest.Options)
        {
            seen.Add(name);
            var token = userOptions[name] ?? option.Default;
            if (token is null || token.Type == JTokenType.Null)
            {
                continue;
            }

            if (Check(manifest.Id, name, option, token) is { } error)
            {
                errors.Add(error);
                continue;
            }

            merged.Add(new(VariableName(name), Text(token)));
        }

        foreach (var property in userOptions.Properties().Where(p => !seen.Contains(p.Name)))
        {
            // Unknown options are passed on, as @devcontainers/cli does (a Feature may read variables it does not declare).
            if (property.Value is JContainer)
            {
                errors.Add($"option '{property.Name}' of Feature '{manifest.Id}' must be a string or a boolean, not {Describe(property.Value)}");
                continue;
            }

            merged.Add(new(VariableName(property.Name), Text(property.Value)));
        }

        return merged;
    }

    private static string? Check(string feature, string name, FeatureOption option, JToken token)
    {
        if (option.Type == "boolean" && token.Type != JTokenType.Boolean
            && !(token.Type == JTokenType.String && (string?)token is "true" or "false"))
        {
            return $"option '{name}' of Feature '{feature}' is a boolean, not {Describe(token)}";
        }

        if (option.Type == "string" && token.Type is not (JTokenType.String or JTokenType.Integer or JTokenType.Float or JTokenType.Boolean))
        {
            return $"option '{name}' of Feature '{feature}' is a string, not {Describe(token)}";
        }

        if (option.Type == "string" && option.Enum is { Count: > 0 } allowed && !allowed.Contains(Text(token), StringComparer.Ordinal))
        {
            return $"option '{name}' of Feature '{feature}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}, not '{Text(token)}'";
        }

        return null;
    }

    /// <summary>The value as JavaScript's <c>String(value)</c> writes it (booleans as <c>true</c>/<c>false</c>).</summary>
    public static string Text(JToken token) => token.Type switch
    {
        JTokenType.Boolean => (bool)token ? "true" : "false",
        JTokenType.String => (string)token!,
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => $"the number {token}",
        JTokenType.Boolean => $"the boolean {Text(token)}",
        JTokenType.String => $"the string '{token}'",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex(@"[^\w_]", RegexOptions.ECMAScript)]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^[\d_]+", RegexOptions.ECMAScript)]
    private static partial Regex LeadingDigits();
}
