using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Policies;

/// <summary>
/// Checks a policy's rule schema before it is used. A keyword the validator (NJsonSchema 11) does not evaluate
/// would make the rule accept everything, so it is an error, never ignored: the draft-07 keywords <c>const</c>,
/// <c>contains</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>propertyNames</c> and <c>dependencies</c>, any unknown
/// (misspelt) keyword, an unknown <c>type</c> or <c>format</c>, and a <c>pattern</c> that is not a valid regular expression.
/// </summary>
internal static class RuleSchemaChecker
{
    private static readonly HashSet<string> Validated = new(StringComparer.Ordinal)
    {
        "type", "properties", "patternProperties", "additionalProperties", "required", "items", "additionalItems",
        "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "allOf", "anyOf", "oneOf",
        "not", "format", "$ref", "definitions",
    };

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples",
    };

    private static readonly Dictionary<string, string> Ignored = new(StringComparer.Ordinal)
    {
        ["const"] = "write enum: [value] instead",
        ["contains"] = "write items: with the condition every element must meet instead",
        ["if"] = "use the policy's when: precondition instead",
        ["then"] = "use the policy's when: precondition instead",
        ["else"] = "use the policy's when: precondition instead",
        ["propertyNames"] = "list the allowed names in properties: with additionalProperties: false instead",
        ["dependencies"] = "use the policy's when: precondition instead",
    };

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "object", "array", "string", "integer", "number", "boolean", "null" };

    private static readonly HashSet<string> Formats = new(StringComparer.Ordinal)
    {
        "date-time", "date", "time", "time-span", "email", "hostname", "ipv4", "ipv6", "uri", "uuid", "guid", "byte", "base64",
    };

    public static void Check(JToken schema, string pointer, SourceMap map, DiagnosticBag diagnostics)
    {
        var pending = new Stack<(JToken Schema, string Pointer)>();
        pending.Push((schema, pointer));
        while (pending.Count > 0)
        {
            var (current, at) = pending.Pop();
            if (current is not JObject obj)
            {
                Error(diagnostics, map, at, "a schema here must be a mapping (boolean schemas are allowed only for additionalProperties and additionalItems)");
                continue;
            }

            foreach (var property in obj.Properties())
            {
                CheckKeyword(property, JsonPointer.Append(at, property.Name), map, diagnostics, pending);
            }
        }
    }

    private static void CheckKeyword(JProperty property, string at, SourceMap map, DiagnosticBag diagnostics, Stack<(JToken, string)> pending)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case "properties" or "patternProperties" or "definitions" when value is JObject members:
                foreach (var member in members.Properties())
                {
                    if (property.Name == "patternProperties")
                    {
                        CheckRegex(member.Name, JsonPointer.Append(at, member.Name), map, diagnostics);
                    }

                    pending.Push((member.Value, JsonPointer.Append(at, member.Name)));
                }

                return;
            case "items" when value is JArray tuple:
            case "allOf" or "anyOf" or "oneOf" when value is JArray:
                var list = (JArray)value;
                for (var i = 0; i < list.Count; i++)
                {
                    pending.Push((list[i], JsonPointer.Append(at, i)));
                }

                return;
            case "items" or "not":
            case "additionalProperties" or "additionalItems" when value.Type != JTokenType.Boolean:
                pending.Push((value, at));
                return;
            case "type":
                var names = value is JArray array ? array.Select(v => v.Type == JTokenType.String ? (string?)v : null) : [value.Type == JTokenType.String ? (string?)value : null];
                if (names.Any(n => n is null || !Types.Contains(n)))
                {
                    Error(diagnostics, map, at, $"type must be one of {string.Join(", ", Types)} (or a list of them)");
                }

                return;
            case "enum" when value is not JArray { Count: > 0 }:
                Error(diagnostics, map, at, "enum must be a non-empty list (the validator treats an empty one as no condition)");
                return;
            case "pattern":
                CheckRegex(value.Type == JTokenType.String ? (string)value! : null, at, map, diagnostics);
                return;
            case "format" when value.Type != JTokenType.String || !Formats.Contains((string)value!):
                Error(diagnostics, map, at, $"format {MessageText.Quote(value.ToString())} is not checked by the validator; use pattern (known formats: {string.Join(", ", Formats)})");
                return;
            case "$ref" when value.Type != JTokenType.String || !((string)value!).StartsWith("#/", StringComparison.Ordinal):
                Error(diagnostics, map, at, "$ref must point inside the policy (#/definitions/NAME)");
                return;
            case "properties" or "patternProperties" or "definitions" or "allOf" or "anyOf" or "oneOf":
                Error(diagnostics, map, at, $"{property.Name} has the wrong shape: expected {(property.Name.EndsWith("Of", StringComparison.Ordinal) ? "a list of schemas" : "a mapping of schemas")}");
                return;
        }

        if (Ignored.TryGetValue(property.Name, out var instead))
        {
            Error(diagnostics, map, at, $"keyword '{property.Name}' is not evaluated by the validator, so the rule would allow everything; {instead}");
        }
        else if (!Validated.Contains(property.Name) && !Annotations.Contains(property.Name))
        {
            var suggestion = DidYouMean.Suggest(property.Name, [.. Validated]);
            Error(diagnostics, map, at, $"unknown JSON Schema keyword {MessageText.Quote(property.Name)}" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
        }
    }

    private static void CheckRegex(string? pattern, string at, SourceMap map, DiagnosticBag diagnostics)
    {
        try
        {
            _ = new Regex(pattern ?? throw new ArgumentException("a pattern must be a string"), RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            Error(diagnostics, map, at, "invalid regular expression: " + ex.Message.Replace('\n', ' '));
        }
    }

    private static void Error(DiagnosticBag diagnostics, SourceMap map, string pointer, string message)
        => diagnostics.Error(DiagnosticCodes.PolicyInvalid, message, map.Locate(pointer), pointer);
}
