using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Reconciler.Core.Schemas;

/// <summary>
/// Builds NJsonSchema objects straight from our schema files for the draft-07 keywords they use.
/// <see cref="JsonSchema.FromJsonAsync(string)"/> costs about 240 ms on a cold process (reflection-heavy
/// deserialisation), which every CLI call and worker start paid; this takes a few milliseconds. A keyword the
/// builder does not know throws, so a schema edit can never be silently ignored; a test checks that both
/// loaders report the same errors.
/// </summary>
internal static class SchemaBuilder
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "$id", "$schema", "default", "id", "deprecated", "format" };

    public static JsonSchema Build(string json)
    {
        var root = JObject.Parse(json);
        var schema = new JsonSchema();
        var definitions = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        if (root["definitions"] is JObject defs)
        {
            foreach (var (name, _) in defs)
            {
                definitions[name] = new JsonSchema();
                schema.Definitions[name] = definitions[name];
            }

            foreach (var (name, definition) in defs)
            {
                Fill(definitions[name], (JObject)definition!, definitions);
            }
        }

        Fill(schema, root, definitions);
        return schema;
    }

    private static T Create<T>(JToken token, Dictionary<string, JsonSchema> definitions)
        where T : JsonSchema, new()
    {
        var schema = new T();
        Fill(schema, token as JObject ?? throw new InvalidOperationException($"schema expected at {token.Path}"), definitions);
        return schema;
    }

    private static void Fill(JsonSchema schema, JObject node, Dictionary<string, JsonSchema> definitions)
    {
        foreach (var (keyword, value) in node)
        {
            switch (keyword)
            {
                case "definitions":
                    break;
                case "$ref":
                    var reference = (string)value!;
                    const string prefix = "#/definitions/";
                    schema.Reference = reference.StartsWith(prefix, StringComparison.Ordinal) && definitions.TryGetValue(reference[prefix.Length..], out var target)
                        ? target
                        : throw new InvalidOperationException($"unsupported $ref '{reference}' at {value!.Path}");
                    break;
                case "type":
                    schema.Type = value is JArray types ? types.Aggregate(JsonObjectType.None, (t, v) => t | TypeOf((string)v!)) : TypeOf((string)value!);
                    break;
                case "properties":
                    foreach (var (name, property) in (JObject)value!)
                    {
                        schema.Properties[name] = Create<JsonSchemaProperty>(property!, definitions);
                    }

                    break;
                case "patternProperties":
                    foreach (var (pattern, property) in (JObject)value!)
                    {
                        schema.PatternProperties[pattern] = Create<JsonSchemaProperty>(property!, definitions);
                    }

                    break;
                case "required":
                    foreach (var name in (JArray)value!)
                    {
                        schema.RequiredProperties.Add((string)name!);
                    }

                    break;
                case "additionalProperties":
                    if (value!.Type == JTokenType.Boolean)
                    {
                        schema.AllowAdditionalProperties = (bool)value;
                    }
                    else
                    {
                        schema.AdditionalPropertiesSchema = Create<JsonSchema>(value, definitions);
                    }

                    break;
                case "items":
                    schema.Item = Create<JsonSchema>(value!, definitions);
                    break;
                case "oneOf":
                    foreach (var option in (JArray)value!)
                    {
                        schema.OneOf.Add(Create<JsonSchema>(option, definitions));
                    }

                    break;
                case "anyOf":
                    foreach (var option in (JArray)value!)
                    {
                        schema.AnyOf.Add(Create<JsonSchema>(option, definitions));
                    }

                    break;
                case "allOf":
                    foreach (var option in (JArray)value!)
                    {
                        schema.AllOf.Add(Create<JsonSchema>(option, definitions));
                    }

                    break;
                case "not":
                    schema.Not = Create<JsonSchema>(value!, definitions);
                    break;
                case "minItems":
                    schema.MinItems = (int)value!;
                    break;
                case "maxItems":
                    schema.MaxItems = (int)value!;
                    break;
                case "uniqueItems":
                    schema.UniqueItems = (bool)value!;
                    break;
                case "minProperties":
                    schema.MinProperties = (int)value!;
                    break;
                case "maxProperties":
                    schema.MaxProperties = (int)value!;
                    break;
                case "maxLength":
                    schema.MaxLength = (int)value!;
                    break;
                case "exclusiveMaximum":
                    schema.ExclusiveMaximum = (decimal)value!;
                    break;
                case "multipleOf":
                    schema.MultipleOf = (decimal)value!;
                    break;
                case "enum":
                    foreach (var item in (JArray)value!)
                    {
                        schema.Enumeration.Add(item.Type == JTokenType.Null ? null : ((JValue)item).Value);
                    }

                    break;
                case "pattern":
                    schema.Pattern = (string)value!;
                    break;
                case "minLength":
                    schema.MinLength = (int)value!;
                    break;
                case "minimum":
                    schema.Minimum = (decimal)value!;
                    break;
                case "maximum":
                    schema.Maximum = (decimal)value!;
                    break;
                case "exclusiveMinimum":
                    schema.ExclusiveMinimum = (decimal)value!;
                    break;
                case "examples":
                    // Kept as extension data, as NJsonSchema's loader does; error messages quote them.
                    schema.ExtensionData ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                    schema.ExtensionData["examples"] = value!.DeepClone();
                    break;
                case "title":
                    schema.Title = (string?)value;
                    break;
                case "description":
                    schema.Description = (string?)value;
                    break;
                default:
                    if (!Annotations.Contains(keyword))
                    {
                        throw new InvalidOperationException($"schema keyword '{keyword}' at {value!.Path} is not supported by {nameof(SchemaBuilder)}");
                    }

                    break;
            }
        }
    }

    private static JsonObjectType TypeOf(string name) => name switch
    {
        "object" => JsonObjectType.Object,
        "array" => JsonObjectType.Array,
        "string" => JsonObjectType.String,
        "integer" => JsonObjectType.Integer,
        "number" => JsonObjectType.Number,
        "boolean" => JsonObjectType.Boolean,
        "null" => JsonObjectType.Null,
        _ => throw new InvalidOperationException($"unknown schema type '{name}'"),
    };
}
