using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Typed reads from a located JSON tree. A value of the wrong JSON type is reported as
/// <see cref="DiagnosticCodes.WrongType"/> at the value and read as absent, so binding goes on and every
/// mistake in a file is reported in one pass. An explicit <c>null</c> is a wrong type too (only remoteEnv
/// gives null a meaning).
/// </summary>
internal sealed class JsonBinder(SourceMap map, DiagnosticBag diagnostics)
{
    public SourceMap Map => map;

    public DiagnosticBag Diagnostics => diagnostics;

    public string? String(JToken? token, string pointer)
        => token is JValue { Type: JTokenType.String } value ? (string)value.Value! : Absent<string>(token, pointer, "a string");

    public bool? Bool(JToken? token, string pointer)
        => token is JValue { Type: JTokenType.Boolean } value ? (bool)value.Value! : AbsentValue<bool>(token, pointer, "true or false");

    public long? Integer(JToken? token, string pointer)
        => token is JValue { Type: JTokenType.Integer } value ? (long)value.Value! : AbsentValue<long>(token, pointer, "an integer");

    public JObject? Object(JToken? token, string pointer)
        => token as JObject ?? Absent<JObject>(token, pointer, "an object");

    public JArray? Array(JToken? token, string pointer)
        => token as JArray ?? Absent<JArray>(token, pointer, "an array");

    /// <summary>An array of strings; wrong elements are reported and skipped.</summary>
    public IReadOnlyList<string> StringArray(JToken? token, string pointer)
        => Array(token, pointer) is { } array ? Elements(array, pointer) : [];

    /// <summary>A string (one element) or an array of strings, as <c>cacheFrom</c> and <c>dockerComposeFile</c> allow.</summary>
    public IReadOnlyList<string> StringOrArray(JToken? token, string pointer)
        => token switch
        {
            null => [],
            JValue { Type: JTokenType.String } value => [(string)value.Value!],
            JArray array => Elements(array, pointer),
            _ => Absent<List<string>>(token, pointer, "a string or an array of strings") ?? [],
        };

    /// <summary>An object whose values are strings (<c>containerEnv</c>, <c>build.args</c>).</summary>
    public IReadOnlyDictionary<string, string> StringMap(JToken? token, string pointer)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Object(token, pointer) is { } obj)
        {
            foreach (var property in obj.Properties())
            {
                if (String(property.Value, JsonPointer.Append(pointer, property.Name)) is { } value)
                {
                    result[property.Name] = value;
                }
            }
        }

        return result;
    }

    public void Invalid(string pointer, string message)
        => diagnostics.Error(DiagnosticCodes.InvalidValue, $"{Display(pointer)}: {message}", map.ValueLocation(pointer), pointer);

    public void Error(string code, string pointer, string message)
        => diagnostics.Error(code, message, map.ValueLocation(pointer), pointer);

    public void Warning(string code, string pointer, string message, bool atKey = false)
        => diagnostics.Warning(code, message, atKey ? map.Locate(pointer) : map.ValueLocation(pointer), pointer);

    /// <summary>Reports a value of the wrong JSON type at the value.</summary>
    public void WrongType(JToken token, string pointer, string expected)
        => diagnostics.Error(
            DiagnosticCodes.WrongType,
            $"{Display(pointer)} must be {expected}, not {Describe(token)}",
            map.ValueLocation(pointer),
            pointer);

    private T? Absent<T>(JToken? token, string pointer, string expected)
        where T : class
    {
        if (token is not null)
        {
            WrongType(token, pointer, expected);
        }

        return null;
    }

    private T? AbsentValue<T>(JToken? token, string pointer, string expected)
        where T : struct
    {
        if (token is not null)
        {
            WrongType(token, pointer, expected);
        }

        return null;
    }

    /// <summary>The value's path for a message, e.g. <c>build.args.FOO</c>.</summary>
    public static string Display(string pointer) => MessageText.Escape(JsonPointer.ToDisplayPath(pointer), 120);

    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer => "an integer",
        JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private List<string> Elements(JArray array, string pointer)
    {
        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (String(array[i], JsonPointer.Append(pointer, i)) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }
}
