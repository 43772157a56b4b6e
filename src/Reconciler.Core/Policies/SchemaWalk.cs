using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Reconciler.Core.Policies;

/// <summary>
/// Validates a document against a rule schema exactly as NJsonSchema's validator does, but calls it only for the
/// parts of the schema that constrain a value. Most rules are a path of <c>properties</c> down to a small condition
/// (<c>devcontainer.privileged: { enum: [false] }</c>): the walk follows that path in the document and hands
/// NJsonSchema only the values that exist, so a document without the property costs a dictionary lookup instead
/// of a full validation.
/// <para>
/// A node is walked when its keywords are only <c>properties</c>, <c>anyOf</c> and <c>definitions</c> (plus
/// annotations); any other node is validated by NJsonSchema. For such a node the validator's result is: a
/// <c>NotAnyOf</c> error holding every alternative's errors when none of them passes, then the errors of each property
/// present (in the schema's property order), skipping a null value whose schema is nullable; definitions are not
/// validated by themselves. The walk reproduces that list (same errors, same order, same tokens and schemas):
/// SchemaWalkParityTests compare both over the devcontainer corpus and random documents.
/// </para>
/// </summary>
internal sealed class SchemaWalk
{
    // One instance serves every call: the validator keeps only its format validators, read-only after construction.
    private static readonly JsonSchemaValidator Validator = new();

    private static readonly HashSet<string> Walked = new(StringComparer.Ordinal)
    {
        "properties", "anyOf", "definitions", "$schema", "$comment", "title", "description", "default", "examples",
    };

    private readonly JsonSchema _schema;
    private readonly bool _delegated;
    private readonly (string Name, JsonSchema Schema, SchemaWalk Child)[] _properties;
    private readonly (JsonSchema Schema, SchemaWalk Walk)[] _anyOf;

    private SchemaWalk(JsonSchema schema, bool delegated, (string, JsonSchema, SchemaWalk)[] properties, (JsonSchema, SchemaWalk)[] anyOf)
    {
        _schema = schema;
        _delegated = delegated;
        _properties = properties;
        _anyOf = anyOf;
    }

    /// <summary>The walk for <paramref name="loaded"/>, which NJsonSchema loaded from <paramref name="raw"/>.</summary>
    public static SchemaWalk Build(JToken raw, JsonSchema loaded)
    {
        var actual = loaded.ActualSchema;
        var delegated = new SchemaWalk(actual, true, [], []);
        if (raw is not JObject node || node.Properties().Any(p => !Walked.Contains(p.Name)) || !ReferenceEquals(actual, loaded))
        {
            return delegated;
        }

        var rawProperties = node["properties"] as JObject;
        var rawAnyOf = node["anyOf"] as JArray;
        if ((rawProperties?.Count ?? 0) != actual.Properties.Count || (rawAnyOf?.Count ?? 0) != actual.AnyOf.Count
            || (rawProperties is null && rawAnyOf is null))
        {
            return delegated;
        }

        var properties = new List<(string, JsonSchema, SchemaWalk)>(actual.Properties.Count);
        foreach (var (name, property) in actual.Properties)
        {
            if (rawProperties![name] is not { } rawChild)
            {
                return delegated;
            }

            properties.Add((name, property, Build(rawChild, property)));
        }

        var anyOf = actual.AnyOf.Select((alternative, i) => (alternative, Build(rawAnyOf![i], alternative))).ToArray();
        return new SchemaWalk(actual, false, [.. properties], anyOf);
    }

    /// <summary>True when the document satisfies the schema.</summary>
    public bool Accepts(JToken token) => Validate(token, null) == 0;

    /// <summary>NJsonSchema's errors for <paramref name="token"/>, in its order.</summary>
    public List<ValidationError> Errors(JToken token)
    {
        var errors = new List<ValidationError>();
        Validate(token, errors);
        return errors;
    }

    /// <summary>Counts the errors (only whether there is one when <paramref name="errors"/> is null) and collects them when given.</summary>
    private int Validate(JToken token, List<ValidationError>? errors)
    {
        if (_delegated)
        {
            var found = Validator.Validate(token, _schema);
            errors?.AddRange(found);
            return found.Count;
        }

        var count = _anyOf.Length > 0 ? ValidateAnyOf(token, errors) : 0;
        if (count > 0 && errors is null)
        {
            return count;
        }

        if (token is not JObject obj)
        {
            return count;
        }

        foreach (var (name, schema, child) in _properties)
        {
            if (!obj.TryGetValue(name, StringComparison.Ordinal, out var value)
                || (value.Type == JTokenType.Null && schema.IsNullable(SchemaType.JsonSchema)))
            {
                continue;
            }

            count += child.Validate(value, errors);
            if (count > 0 && errors is null)
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
}
