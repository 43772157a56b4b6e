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

    public static string Detail(ValidationError error)
    {
        var schema = error.Schema?.ActualSchema;
        var value = Value(error.Token);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"'{error.Property}' is missing",
            ValidationErrorKind.NotInEnumeration => $"{value} is not one of: {string.Join(", ", schema?.Enumeration.Select(e => Convert.ToString(e, CultureInfo.InvariantCulture)) ?? [])}",
            ValidationErrorKind.PatternMismatch => $"{value} does not match {schema?.Pattern}",
            ValidationErrorKind.NumberTooBig => $"{value} is more than {schema?.Maximum ?? schema?.ExclusiveMaximum}",
            ValidationErrorKind.NumberTooSmall => $"{value} is less than {schema?.Minimum ?? schema?.ExclusiveMinimum}",
            ValidationErrorKind.ExcludedSchemaValidates => $"{value} is not allowed",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not allowed",
            _ => $"{value}: {error.Kind}",
        };
    }

    /// <summary>A JSON pointer as a Newtonsoft path (<c>['a']['b'][0]</c>), for looking the value up.</summary>
    public static string ToPath(string pointer)
    {
        if (pointer.Length == 0)
        {
            return "";
        }

        var builder = new System.Text.StringBuilder("$");
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            builder.Append(token.Length > 0 && token.All(char.IsAsciiDigit) ? $"[{token}]" : $"['{token.Replace("'", "\\'", StringComparison.Ordinal)}']");
        }

        return builder.ToString();
    }
}
