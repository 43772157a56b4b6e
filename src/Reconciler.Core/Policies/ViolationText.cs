using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Policies;

/// <summary>The <c>{value}</c> and <c>{detail}</c> of a schema violation, one line and cut to a readable length.</summary>
internal static class ViolationText
{
    public static string Value(JToken? token) => token switch
    {
        null => "(missing)",
        JValue { Type: JTokenType.String } value => MessageText.Escape((string)value.Value!),
        JValue { Type: JTokenType.Null } => "null",
        JValue { Type: JTokenType.Boolean } value => (bool)value.Value! ? "true" : "false",
        JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? "",
        _ => MessageText.Escape(token.ToString(Newtonsoft.Json.Formatting.None)),
    };

    /// <summary>What the error says; the value is written only by the kinds that show it (it may be a whole object).</summary>
    public static string Detail(ValidationError error)
    {
        var schema = error.Schema?.ActualSchema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"'{error.Property}' is missing",
            ValidationErrorKind.NotInEnumeration => $"{Value(error.Token)} is not one of: {string.Join(", ", schema?.Enumeration.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)) ?? [])}",
            ValidationErrorKind.PatternMismatch => $"{Value(error.Token)} does not match {schema?.Pattern}",
            ValidationErrorKind.NumberTooBig => $"{Value(error.Token)} is more than {schema?.Maximum ?? schema?.ExclusiveMaximum}",
            ValidationErrorKind.NumberTooSmall => $"{Value(error.Token)} is less than {schema?.Minimum ?? schema?.ExclusiveMinimum}",
            ValidationErrorKind.ExcludedSchemaValidates => $"{Value(error.Token)} is not allowed",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not allowed",
            _ => $"{Value(error.Token)}: {error.Kind}",
        };
    }

    /// <summary>
    /// The token <paramref name="pointer"/> names under <paramref name="root"/>, or null. Same answers as Newtonsoft's
    /// <c>SelectToken</c> on the path <c>$['a'][0]</c> the pointer spells (which the walk replaces: parsing a path per
    /// violation cost more than the rest of its message): an all-digit token indexes an array and nothing else, any
    /// other token names an object's property.
    /// </summary>
    public static JToken? At(JToken root, string pointer)
    {
        var current = root;
        var start = 1;
        while (start <= pointer.Length && pointer.Length > 0)
        {
            var slash = pointer.IndexOf('/', start);
            var end = slash < 0 ? pointer.Length : slash;
            var raw = pointer.AsSpan(start, end - start);
            if (raw.Length > 0 && !raw.ContainsAnyExceptInRange('0', '9'))
            {
                current = current is JArray array && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count
                    ? array[index]
                    : null;
            }
            else
            {
                var name = raw.Contains('~') ? raw.ToString().Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal) : raw.ToString();
                current = current is JObject obj && obj.TryGetValue(name, StringComparison.Ordinal, out var found) ? found : null;
            }

            if (current is null)
            {
                return null;
            }

            start = end + 1;
        }

        return current;
    }
}
