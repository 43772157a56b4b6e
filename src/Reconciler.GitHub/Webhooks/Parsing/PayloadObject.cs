using System.Globalization;
using System.Text.Json;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>
/// A JSON object of a payload with the path that reached it, so every type error says where it is
/// (<c>$.pull_request.head.sha: expected a string, found a number</c>). Required members must be present and
/// non-null; optional members may be absent or null, but when present they must have the documented type.
/// </summary>
internal readonly struct PayloadObject
{
    private readonly JsonElement _element;

    private PayloadObject(JsonElement element, string path)
    {
        _element = element;
        Path = path;
    }

    public string Path { get; }

    public static PayloadObject Root(JsonElement root) => root.ValueKind == JsonValueKind.Object
        ? new PayloadObject(root, "$")
        : throw new PayloadException($"$: expected an object, found {Describe(root.ValueKind)}");

    public PayloadObject Object(string name) => OptionalObject(name) ?? throw Missing(name);

    public PayloadObject? OptionalObject(string name)
    {
        var value = Member(name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.Object => new PayloadObject(value.Value, At(name)),
            var kind => throw WrongType(name, "an object", kind.Value),
        };
    }

    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name)
    {
        var value = Member(name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.String => ReadString(value.Value, name),
            var kind => throw WrongType(name, "a string", kind.Value),
        };
    }

    public bool Boolean(string name, bool whenAbsent)
    {
        var value = Member(name);
        return value?.ValueKind switch
        {
            null => whenAbsent,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            var kind => throw WrongType(name, "true or false", kind.Value),
        };
    }

    public int Int32(string name)
    {
        var value = OptionalInt64(name) ?? throw Missing(name);
        return value is >= 1 and <= int.MaxValue ? (int)value : throw Invalid(name, "expected a positive 32-bit number");
    }

    public long? OptionalInt64(string name)
    {
        var value = Member(name);
        return value?.ValueKind switch
        {
            null => null,
            JsonValueKind.Number when value.Value.TryGetInt64(out var number) => number,
            JsonValueKind.Number => throw Invalid(name, "expected a whole number"),
            var kind => throw WrongType(name, "a number", kind.Value),
        };
    }

    public DateTimeOffset Timestamp(string name)
    {
        var text = String(name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp)
            ? timestamp
            : throw Invalid(name, "expected an ISO 8601 timestamp");
    }

    private string ReadString(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape such as "\ud800" is valid JSON but no valid string.
            throw Invalid(name, "expected valid Unicode text");
        }
    }

    public string At(string name) => Path + "." + name;

    public PayloadException Invalid(string name, string message) => new($"{At(name)}: {message}");

    /// <summary>The member's value; null when absent or JSON null (both mean "not given" in GitHub payloads).</summary>
    private JsonElement? Member(string name)
        => _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private PayloadException Missing(string name) => new($"{At(name)}: required");

    private PayloadException WrongType(string name, string expected, JsonValueKind found)
        => new($"{At(name)}: expected {expected}, found {Describe(found)}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
