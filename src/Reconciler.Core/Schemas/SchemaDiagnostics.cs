using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Schemas;

/// <summary>
/// Validates a <see cref="LocatedDocument"/> against a JSON Schema and turns each error into a located
/// diagnostic with a stable code and a message that says what to write instead.
/// </summary>
internal static class SchemaDiagnostics
{
    private const int MaxDiagnostics = 50;

    public static IReadOnlyList<Diagnostic> Validate(JsonSchema schema, LocatedDocument document)
    {
        var errors = schema.Validate(document.Root);
        return [.. ValidationErrorFlattener.Leaves(errors)
            .Take(MaxDiagnostics)
            .Select(e => ToDiagnostic(e, document.Map))
            .DistinctBy(d => (d.Code, d.JsonPointer, d.Message))
            .OrderBy(d => d.Location!.Line)
            .ThenBy(d => d.Location!.Column)];
    }

    private static Diagnostic ToDiagnostic(ValidationError error, SourceMap map)
    {
        var token = error.Token;
        var pointer = token is null ? "" : TokenPointer.Of(token);
        var schema = error.Schema?.ActualSchema;
        var where = JsonPointer.ToDisplayPath(pointer);
        switch (error.Kind)
        {
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                return Diagnostic.Error(DiagnosticCodes.UnknownKey, UnknownKey(error, pointer, schema), map.Locate(pointer), pointer);
            case ValidationErrorKind.PropertyRequired:
                var missing = JsonPointer.Append(pointer, error.Property ?? "");
                var owner = pointer.Length == 0 ? "the file" : where;
                return Diagnostic.Error(DiagnosticCodes.MissingRequired, $"{owner}: missing required key '{error.Property}'", map.Locate(missing), missing);
        }

        var located = map.ValueLocation(pointer);
        var (code, message) = error.Kind switch
        {
            _ when ValidationErrorFlattener.IsTypeError(error.Kind) || error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf
                => (DiagnosticCodes.WrongType, WrongType(error, token)),
            ValidationErrorKind.NotInEnumeration => (DiagnosticCodes.InvalidValue, NotInEnum(token, schema)),
            ValidationErrorKind.PatternMismatch => (DiagnosticCodes.InvalidValue, PatternMismatch(token, schema)),
            ValidationErrorKind.NumberTooSmall => (DiagnosticCodes.InvalidValue, $"{Show(token)} is too small; it must be {Minimum(schema)}"),
            ValidationErrorKind.NumberTooBig => (DiagnosticCodes.InvalidValue, $"{Show(token)} is too large; it must be {Maximum(schema)}"),
            ValidationErrorKind.StringTooShort => (DiagnosticCodes.InvalidValue, "must not be empty"),
            ValidationErrorKind.ItemsNotUnique => (DiagnosticCodes.InvalidValue, "must not contain the same value twice"),
            _ => (DiagnosticCodes.SchemaViolation, $"invalid value ({error.Kind})"),
        };
        return Diagnostic.Error(code, $"{where}: {message}", located, pointer);
    }

    private static string UnknownKey(ValidationError error, string pointer, JsonSchema? schema)
    {
        var key = error.Property ?? "";
        var slash = pointer.LastIndexOf('/');
        var parent = slash <= 0 ? "" : pointer[..slash];
        var owner = parent.Length == 0 ? "at the top level" : "in " + JsonPointer.ToDisplayPath(parent);
        var allowed = schema?.Properties.Keys.ToList() ?? [];
        var suggestion = DidYouMean.Suggest(key, allowed);
        var hint = suggestion is not null
            ? $"; did you mean '{suggestion}'?"
            : allowed.Count > 0 ? "; allowed keys: " + string.Join(", ", allowed) : "";
        return $"unknown key '{YamlMessages.Shorten(key)}' {owner}{hint}";
    }

    private static string WrongType(ValidationError error, JToken? token)
    {
        var expected = ValidationErrorFlattener.ExpectedTypes(error);
        if (expected.Count == 0)
        {
            expected = [ExpectedFromKind(error.Kind)];
        }

        var text = $"expected {string.Join(" or ", expected.Select(Article))}, got {Describe(token)}";
        if (expected is [JsonObjectType.String] && token is JValue { Type: JTokenType.Integer or JTokenType.Float or JTokenType.Boolean })
        {
            text += $"; quote it: \"{Show(token)}\"";
        }

        return text;
    }

    private static string NotInEnum(JToken? token, JsonSchema? schema)
    {
        var allowed = schema?.Enumeration.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "null").ToList() ?? [];
        var suggestion = token?.Type == JTokenType.String ? DidYouMean.Suggest(token.ToString(), allowed) : null;
        var hint = suggestion is null ? "" : $"; did you mean '{suggestion}'?";
        return $"{Show(token)} is not allowed; use one of: {string.Join(", ", allowed)}{hint}";
    }

    private static string PatternMismatch(JToken? token, JsonSchema? schema)
    {
        var examples = SchemaExamples.For(schema);
        return examples.Count > 0
            ? $"{Show(token)} is not valid here; write e.g. {string.Join(" or ", examples)}"
            : $"{Show(token)} does not match the pattern {schema?.Pattern}";
    }

    private static string Minimum(JsonSchema? schema)
        => schema?.ExclusiveMinimum is { } exclusive ? $"greater than {exclusive}" : $"at least {schema?.Minimum}";

    private static string Maximum(JsonSchema? schema)
        => schema?.ExclusiveMaximum is { } exclusive ? $"less than {exclusive}" : $"at most {schema?.Maximum}";

    private static JsonObjectType ExpectedFromKind(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.StringExpected => JsonObjectType.String,
        ValidationErrorKind.NumberExpected => JsonObjectType.Number,
        ValidationErrorKind.IntegerExpected => JsonObjectType.Integer,
        ValidationErrorKind.BooleanExpected => JsonObjectType.Boolean,
        ValidationErrorKind.ObjectExpected => JsonObjectType.Object,
        ValidationErrorKind.ArrayExpected => JsonObjectType.Array,
        _ => JsonObjectType.Null,
    };

    private static string Article(JsonObjectType type) => type switch
    {
        JsonObjectType.String => "a string",
        JsonObjectType.Number => "a number",
        JsonObjectType.Integer => "an integer",
        JsonObjectType.Boolean => "true or false",
        JsonObjectType.Object => "a mapping (key: value)",
        JsonObjectType.Array => "a list",
        _ => "nothing",
    };

    private static string Describe(JToken? token) => token?.Type switch
    {
        JTokenType.Object => "a mapping",
        JTokenType.Array => "a list",
        JTokenType.String => $"the string {Show(token)}",
        JTokenType.Integer or JTokenType.Float => $"the number {Show(token)}",
        JTokenType.Boolean => $"{Show(token)}",
        null or JTokenType.Null => "nothing (null)",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string Show(JToken? token) => token switch
    {
        JValue { Type: JTokenType.String } value => $"'{YamlMessages.Shorten((string)value.Value!)}'",
        JValue value => YamlMessages.Shorten(Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "null").ToLowerInvariant(),
        _ => "the value",
    };
}
