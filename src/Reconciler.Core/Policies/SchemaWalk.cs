using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Reconciler.Core.Policies;

/// <summary>
/// Validates a document against a rule schema exactly as NJsonSchema's validator does (same errors, same order,
/// same tokens and schemas), without its per-call cost for the keywords default and typical rules are made of.
/// Most rules are a path of <c>properties</c> down to a small condition (<c>devcontainer.privileged: { enum: [false] }</c>):
/// the walk follows that path in the document, so a document without the property costs a dictionary lookup.
/// <para>
/// Walked keywords: <c>type</c> (one type), <c>properties</c>, <c>required</c>, <c>anyOf</c>, <c>not</c>, <c>enum</c>, <c>pattern</c>,
/// <c>minimum</c>, <c>maximum</c>, <c>items</c> (one schema) and <c>definitions</c>, plus annotations. A node with any
/// other keyword (or a <c>$ref</c>) is handed to NJsonSchema as it is, and so is a value of a type the walk does not
/// expect (dates, GUIDs, URIs). A lone <c>$ref</c> to <c>#/definitions/NAME</c> is walked as that definition. For a
/// walked node the errors come in the validator's order: anyOf, not, the type step (array items, pattern, number
/// bounds and the expected-type error), enum, then properties (a missing required one where it is declared) and
/// the required properties not declared. SchemaWalkParityTests compare both over the corpus and random documents.
/// </para>
/// </summary>
internal sealed class SchemaWalk
{
    // One instance serves every call: the validator keeps only its format validators, read-only after construction.
    private static readonly JsonSchemaValidator Validator = new();

    private static readonly HashSet<string> Walked = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "anyOf", "not", "enum", "pattern", "minimum", "maximum", "items", "definitions",
        "$schema", "$comment", "title", "description", "default", "examples",
    };

    private static readonly HashSet<JsonObjectType> SingleTypes =
    [
        JsonObjectType.String, JsonObjectType.Number, JsonObjectType.Integer, JsonObjectType.Boolean,
        JsonObjectType.Object, JsonObjectType.Array, JsonObjectType.Null,
    ];

    private readonly JsonSchema _schema;
    private readonly bool _delegated;
    private readonly (string Name, JsonSchema Schema, SchemaWalk Child, bool Required)[] _properties = [];
    private readonly string[] _undeclaredRequired = [];
    private readonly (JsonSchema Schema, SchemaWalk Walk)[] _anyOf = [];
    private readonly SchemaWalk? _not;
    private readonly (JsonSchema Schema, SchemaWalk Walk)? _items;
    private readonly string?[]? _enum;
    private readonly bool _nullable;

    private SchemaWalk(JsonSchema schema) => (_schema, _delegated) = (schema, true);

    private SchemaWalk(JsonSchema schema, JObject raw, JObject root, int refs)
    {
        _schema = schema;
        _nullable = schema.IsNullable(SchemaType.JsonSchema);
        var required = schema.RequiredProperties;
        _properties = [.. schema.Properties.Select(p => (p.Key, (JsonSchema)p.Value, Build(raw["properties"]![p.Key]!, p.Value, root, refs), required.Contains(p.Key)))];
        _undeclaredRequired = [.. required.Where(r => !schema.Properties.ContainsKey(r))];
        _anyOf = [.. schema.AnyOf.Select((alternative, i) => (alternative, Build(raw["anyOf"]![i]!, alternative, root, refs)))];
        _not = schema.Not is { } not ? Build(raw["not"]!, not, root, refs) : null;
        _items = schema.Item is { } item ? (item, Build(raw["items"]!, item, root, refs)) : null;
        _enum = schema.Enumeration.Count > 0 ? [.. schema.Enumeration.Select(v => v?.ToString())] : null;
    }

    /// <summary>The walk for <paramref name="loaded"/>, which NJsonSchema loaded from <paramref name="raw"/>.</summary>
    public static SchemaWalk Build(JToken raw, JsonSchema loaded) => Build(raw, loaded, raw as JObject ?? [], 0);

    private static SchemaWalk Build(JToken raw, JsonSchema loaded, JObject root, int refs)
    {
        var actual = loaded.ActualSchema;
        if (!ReferenceEquals(actual, loaded))
        {
            // A lone "$ref": "#/definitions/NAME" is walked as the definition (whose errors name the definition's schema,
            // as the validator's do). Expansions are capped so that a recursive definition ends in the validator.
            return refs < MaxReferenceExpansions && Definition(raw, root) is { } definition
                ? Build(definition, actual, root, refs + 1)
                : new SchemaWalk(actual);
        }

        return raw is JObject node && node.Properties().All(p => Walked.Contains(p.Name)) && Matches(node, actual)
            ? new SchemaWalk(actual, node, root, refs)
            : new SchemaWalk(actual);
    }

    private const int MaxReferenceExpansions = 4;

    private static JToken? Definition(JToken raw, JObject root)
        => raw is JObject { Count: 1 } node && node["$ref"] is JValue { Type: JTokenType.String } reference
           && ((string)reference!).StartsWith("#/definitions/", StringComparison.Ordinal)
           && ((string)reference!)["#/definitions/".Length..] is var name && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('~', StringComparison.Ordinal)
           && root["definitions"] is JObject definitions && definitions[name] is JObject definition
            ? definition
            : null;

    /// <summary>True when the document satisfies the schema.</summary>
    public bool Accepts(JToken token) => Validate(token, null) == 0;

    /// <summary>NJsonSchema's errors for <paramref name="token"/>, in its order.</summary>
    public List<ValidationError> Errors(JToken token)
    {
        var errors = new List<ValidationError>();
        Validate(token, errors);
        return errors;
    }

    /// <summary>The loaded schema has exactly what the raw node says (so nothing NJsonSchema derived is missed).</summary>
    private static bool Matches(JObject node, JsonSchema schema)
        => (node["properties"] as JObject)?.Count == (node["properties"] is null ? null : schema.Properties.Count)
           && (node["properties"] is null || node["properties"] is JObject)
           && (node["anyOf"] as JArray)?.Count == (node["anyOf"] is null ? null : schema.AnyOf.Count)
           && (node["required"] as JArray)?.Count == (node["required"] is null ? null : schema.RequiredProperties.Count)
           && (node["items"] is null ? schema.Item is null : node["items"] is JObject && schema.Item is not null && schema.Items.Count == 0)
           && (node["not"] is null) == (schema.Not is null)
           && (node["enum"] is null) == (schema.Enumeration.Count == 0)
           && (node["pattern"] is null) == string.IsNullOrEmpty(schema.Pattern)
           && (node["minimum"] is null) == (schema.Minimum is null) && !schema.IsExclusiveMinimum
           && (node["maximum"] is null) == (schema.Maximum is null) && !schema.IsExclusiveMaximum
           && (node["type"] is null ? schema.Type == JsonObjectType.None : SingleTypes.Contains(schema.Type))
           && schema.AllowAdditionalProperties && schema.AdditionalPropertiesSchema is null
           && schema.PatternProperties.Count == 0 && schema.AllOf.Count == 0 && schema.OneOf.Count == 0
           && schema.MinProperties == 0 && schema.MaxProperties == 0 && schema.MinItems == 0 && schema.MaxItems == 0 && !schema.UniqueItems
           && schema.MinLength is null && schema.MaxLength is null && string.IsNullOrEmpty(schema.Format) && schema.MultipleOf is null
           && schema.ExclusiveMinimum is null && schema.ExclusiveMaximum is null;

    /// <summary>Counts the errors (only whether there is one when <paramref name="errors"/> is null) and collects them when given.</summary>
    private int Validate(JToken token, List<ValidationError>? errors)
    {
        if (_delegated || token.Type is JTokenType.Date or JTokenType.Guid or JTokenType.Uri or JTokenType.TimeSpan)
        {
            var found = Validator.Validate(token, _schema);
            errors?.AddRange(found);
            return found.Count;
        }

        var count = 0;
        if (_anyOf.Length > 0 && (count += ValidateAnyOf(token, errors)) > 0 && errors is null)
        {
            return count;
        }

        if (_not is not null && _not.Accepts(token) && Add(errors, ValidationErrorKind.ExcludedSchemaValidates, token) is var notCount && (count += notCount) > 0 && errors is null)
        {
            return count;
        }

        if (!(token.Type == JTokenType.Null && _nullable) && (count += ValidateValue(token, errors)) > 0 && errors is null)
        {
            return count;
        }

        if (_enum is not null && !(_nullable && token.Type == JTokenType.Null) && !_enum.Contains(token.ToString(), StringComparer.Ordinal)
            && (count += Add(errors, ValidationErrorKind.NotInEnumeration, token)) > 0 && errors is null)
        {
            return count;
        }

        return count + ValidateProperties(token, errors);
    }

    /// <summary>The validator's type step for one type (or none): in its order array, string, number, integer, boolean, null, object.</summary>
    private int ValidateValue(JToken token, List<ValidationError>? errors)
    {
        var type = _schema.Type;
        var count = 0;
        if (token is JArray array)
        {
            count += ValidateItems(array, errors);
        }
        else if (type == JsonObjectType.Array)
        {
            count += Add(errors, ValidationErrorKind.ArrayExpected, token);
        }

        if (token.Type == JTokenType.String)
        {
            count += !string.IsNullOrEmpty(_schema.Pattern) && token.Value<string>() is { } text && !Regex.IsMatch(text, _schema.Pattern)
                ? Add(errors, ValidationErrorKind.PatternMismatch, token)
                : 0;
        }
        else if (type == JsonObjectType.String)
        {
            count += Add(errors, ValidationErrorKind.StringExpected, token);
        }

        var isNumber = token.Type is JTokenType.Integer or JTokenType.Float;
        count += type == JsonObjectType.Number && !isNumber ? Add(errors, ValidationErrorKind.NumberExpected, token) : 0;
        if (isNumber && (_schema.Minimum is not null || _schema.Maximum is not null))
        {
            var (tooSmall, tooBig) = Bounds(token);
            count += tooSmall ? Add(errors, ValidationErrorKind.NumberTooSmall, token) : 0;
            count += tooBig ? Add(errors, ValidationErrorKind.NumberTooBig, token) : 0;
        }

        count += type == JsonObjectType.Integer && token.Type != JTokenType.Integer ? Add(errors, ValidationErrorKind.IntegerExpected, token) : 0;
        count += type == JsonObjectType.Boolean && token.Type != JTokenType.Boolean ? Add(errors, ValidationErrorKind.BooleanExpected, token) : 0;
        count += type == JsonObjectType.Null && token.Type != JTokenType.Null ? Add(errors, ValidationErrorKind.NullExpected, token) : 0;
        count += type == JsonObjectType.Object && token is not JObject ? Add(errors, ValidationErrorKind.ObjectExpected, token) : 0;
        return count;
    }

    private int ValidateItems(JArray array, List<ValidationError>? errors)
    {
        if (_items is not var (itemSchema, itemWalk))
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (errors is null)
            {
                if (!itemWalk.Accepts(item))
                {
                    return 1;
                }

                continue;
            }

            var found = itemWalk.Errors(item);
            if (found.Count > 0)
            {
                var index = $"[{i}]";
                errors.Add(new ChildSchemaValidationError(ValidationErrorKind.ArrayItemNotValid, index, array.Path + index,
                    new Dictionary<JsonSchema, ICollection<ValidationError>> { [itemSchema] = found }, item, itemSchema));
                count++;
            }
        }

        return count;
    }

    private (bool TooSmall, bool TooBig) Bounds(JToken token)
    {
        try
        {
            var value = token.Value<decimal>();
            return (value < _schema.Minimum, value > _schema.Maximum);
        }
        catch (OverflowException)
        {
            var value = token.Value<double>();
            return (_schema.Minimum is { } min && value < (double)min, _schema.Maximum is { } max && value > (double)max);
        }
    }

    private int ValidateProperties(JToken token, List<ValidationError>? errors)
    {
        var obj = token as JObject;
        if (obj is null && _schema.Type.HasFlag(JsonObjectType.Null))
        {
            return 0;
        }

        var count = 0;
        foreach (var (name, schema, child, required) in _properties)
        {
            if (obj is not null && obj.TryGetValue(name, StringComparison.Ordinal, out var value))
            {
                if (value.Type == JTokenType.Null && schema.IsNullable(SchemaType.JsonSchema))
                {
                    continue;
                }

                count += child.Validate(value, errors);
            }
            else if (required)
            {
                count += AddRequired(errors, name, token);
            }

            if (count > 0 && errors is null)
            {
                return count;
            }
        }

        foreach (var name in _undeclaredRequired)
        {
            if (obj?.TryGetValue(name, StringComparison.Ordinal, out _) != true && (count += AddRequired(errors, name, token)) > 0 && errors is null)
            {
                return count;
            }
        }

        return count;
    }

    private int ValidateAnyOf(JToken token, List<ValidationError>? errors)
    {
        if (errors is null)
        {
            return _anyOf.Any(a => a.Walk.Accepts(token)) ? 0 : 1;
        }

        var alternatives = new Dictionary<JsonSchema, ICollection<ValidationError>>(_anyOf.Length);
        foreach (var (schema, walk) in _anyOf)
        {
            var found = walk.Errors(token);
            if (found.Count == 0)
            {
                return 0;
            }

            alternatives[schema] = found;
        }

        errors.Add(new ChildSchemaValidationError(ValidationErrorKind.NotAnyOf, null, token.Path, alternatives, token, _schema));
        return 1;
    }

    private int Add(List<ValidationError>? errors, ValidationErrorKind kind, JToken token)
    {
        errors?.Add(new ValidationError(kind, null, token.Path, token, _schema));
        return 1;
    }

    private int AddRequired(List<ValidationError>? errors, string name, JToken token)
    {
        errors?.Add(new ValidationError(ValidationErrorKind.PropertyRequired, name, string.IsNullOrEmpty(token.Path) ? name : token.Path + "." + name, token, _schema));
        return 1;
    }
}
