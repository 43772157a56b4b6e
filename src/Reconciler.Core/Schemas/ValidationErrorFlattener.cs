using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Reconciler.Core.Schemas;

/// <summary>
/// Turns NJsonSchema's error tree into the leaf errors worth showing. Array items, map values and allOf are
/// containers: all their children count. For oneOf/anyOf and multi-type schemas only the alternative the value
/// was evidently meant for counts (the one whose type matches), so "32GB" as a size reports the pattern, not
/// "expected integer".
/// </summary>
internal static class ValidationErrorFlattener
{
    public static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        // Explicit stack: the error tree is as deep as the document, which is bounded, but recursion is avoided anyway.
        var pending = new Stack<ValidationError>(errors.Reverse());
        while (pending.Count > 0)
        {
            var error = pending.Pop();
            var children = Children(error);
            if (children is null)
            {
                yield return error;
                continue;
            }

            foreach (var child in Enumerable.Reverse(children))
            {
                pending.Push(child);
            }
        }
    }

    public static bool IsTypeError(ValidationErrorKind kind) => kind is ValidationErrorKind.StringExpected
        or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.BooleanExpected
        or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected or ValidationErrorKind.NullExpected
        or ValidationErrorKind.NoTypeValidates;

    /// <summary>The JSON types the schemas of a failed oneOf/anyOf/multi-type error accept (for "expected X or Y").</summary>
    public static IReadOnlyList<JsonObjectType> ExpectedTypes(ValidationError error) => error switch
    {
        MultiTypeValidationError multi => [.. multi.Errors.Keys],
        ChildSchemaValidationError child => [.. child.Errors.Keys.SelectMany(s => Split(s.ActualSchema.Type)).Distinct()],
        _ => Split(error.Schema?.ActualSchema.Type ?? JsonObjectType.None),
    };

    private static List<JsonObjectType> Split(JsonObjectType type)
        => [.. Enum.GetValues<JsonObjectType>().Where(t => t != JsonObjectType.None && type.HasFlag(t))];

    private static List<ValidationError>? Children(ValidationError error)
    {
        switch (error)
        {
            case MultiTypeValidationError multi:
                var matching = multi.Errors.Where(e => Matches(e.Key, error.Token)).Select(e => e.Value).FirstOrDefault();
                return matching is null ? null : [.. matching];
            case ChildSchemaValidationError child when error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf:
                return BestAlternative(child);
            case ChildSchemaValidationError child:
                return [.. child.Errors.Values.SelectMany(e => e)];
            default:
                return null;
        }
    }

    private static List<ValidationError>? BestAlternative(ChildSchemaValidationError error)
    {
        if (error.Errors.Values.Any(e => e.Count == 0))
        {
            return null; // oneOf matched more than one alternative: nothing more specific to say
        }

        return error.Errors.Values
            .Where(errors => !errors.Any(e => IsTypeError(e.Kind) && ReferenceEquals(e.Token, error.Token)))
            .OrderBy(errors => errors.Count)
            .Select(errors => errors.ToList())
            .FirstOrDefault();
    }

    private static bool Matches(JsonObjectType type, JToken? token) => token?.Type switch
    {
        JTokenType.String => type == JsonObjectType.String,
        JTokenType.Integer => type is JsonObjectType.Integer or JsonObjectType.Number,
        JTokenType.Float => type == JsonObjectType.Number,
        JTokenType.Boolean => type == JsonObjectType.Boolean,
        JTokenType.Object => type == JsonObjectType.Object,
        JTokenType.Array => type == JsonObjectType.Array,
        JTokenType.Null => type == JsonObjectType.Null,
        _ => false,
    };
}
