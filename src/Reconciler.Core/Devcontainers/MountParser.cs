using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Mounts as devcontainer.json and <c>docker run</c> write them: the <c>--mount</c> string
/// (<c>type=volume,source=x,target=/y[,readonly]</c>, also <c>src</c>, <c>dst</c>, <c>destination</c>, <c>ro</c>;
/// <c>consistency</c> is accepted and ignored as Docker on Linux does), the <c>{type, source, target}</c> object,
/// and the <c>-v src:dst[:ro]</c> short form. Options Reconciler does not model are errors, not dropped silently.
/// </summary>
internal static class MountParser
{
    private static readonly string[] Types = ["bind", "volume", "tmpfs"];

    /// <summary>Parses the <c>--mount</c> string form; on failure returns null and says what was expected.</summary>
    public static MountSpec? Parse(string text, out string? error)
    {
        error = null;
        string? type = null, source = null, target = null;
        var readOnly = false;
        foreach (var field in text.Split(','))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? field : field[..equals]).Trim();
            var value = equals < 0 ? null : field[(equals + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "type": type = value; break;
                case "source" or "src": source = value; break;
                case "target" or "dst" or "destination": target = value; break;
                case "readonly" or "ro":
                    if (!TryFlag(value, out readOnly))
                    {
                        error = $"{MessageText.Quote(field)} is not a valid read-only flag: expected {key}, {key}=true or {key}=false";
                        return null;
                    }

                    break;
                case "consistency": break;
                case "" when field.Trim().Length == 0: break;
                default:
                    error = $"unsupported mount option {MessageText.Quote(field.Trim())}: expected type, source, target, readonly or consistency";
                    return null;
            }
        }

        return Build(type ?? "volume", source, target, readOnly, text, out error);
    }

    /// <summary>Parses <c>-v [src:]dst[:opts]</c>: a source without '/' is a named volume, otherwise a bind mount.</summary>
    public static MountSpec? ParseVolumeFlag(string text, out string? error)
    {
        error = null;
        var parts = text.Split(':');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0))
        {
            error = $"{MessageText.Quote(text)} is not a volume: expected [source:]target[:options]";
            return null;
        }

        if (parts.Length == 1)
        {
            return Build("volume", null, parts[0], false, text, out error);
        }

        var readOnly = false;
        if (parts.Length == 3)
        {
            foreach (var option in parts[2].Split(','))
            {
                switch (option)
                {
                    case "ro": readOnly = true; break;
                    case "rw" or "z" or "Z" or "consistent" or "cached" or "delegated": break;
                    default:
                        error = $"unsupported volume option {MessageText.Quote(option)} in {MessageText.Quote(text)}: expected ro or rw";
                        return null;
                }
            }
        }

        var type = parts[0].Contains('/', StringComparison.Ordinal) ? "bind" : "volume";
        return Build(type, parts[0], parts[1], readOnly, text, out error);
    }

    /// <summary>A <c>mounts</c> entry: the string form or <c>{type, source, target}</c>.</summary>
    public static MountSpec? Read(JToken token, string pointer, JsonBinder binder)
    {
        if (token is JValue { Type: JTokenType.String } value)
        {
            var mount = Parse((string)value.Value!, out var error);
            if (mount is null)
            {
                binder.Invalid(pointer, error!);
            }

            return mount;
        }

        if (token is not JObject obj)
        {
            binder.WrongType(token, pointer, "a mount string (type=…,source=…,target=…) or an object {type, source, target}");
            return null;
        }

        var type = binder.String(obj["type"], JsonPointer.Append(pointer, "type"));
        var source = binder.String(obj["source"], JsonPointer.Append(pointer, "source"));
        var target = binder.String(obj["target"], JsonPointer.Append(pointer, "target"));
        foreach (var property in obj.Properties().Where(p => p.Name is not ("type" or "source" or "target")))
        {
            binder.Invalid(JsonPointer.Append(pointer, property.Name), "unsupported mount property: expected type, source or target");
        }

        if (type is null)
        {
            binder.Invalid(pointer, "a mount object needs \"type\" (bind or volume)");
            return null;
        }

        var built = Build(type, source, target, false, null, out var buildError);
        if (built is null)
        {
            binder.Invalid(pointer, buildError!);
        }

        return built;
    }

    private static MountSpec? Build(string type, string? source, string? target, bool readOnly, string? raw, out string? error)
    {
        error = null;
        if (!Types.Contains(type))
        {
            error = $"unsupported mount type {MessageText.Quote(type)}: expected bind, volume or tmpfs";
            return null;
        }

        if (string.IsNullOrEmpty(target))
        {
            error = "a mount needs a target (the path inside the container)";
            return null;
        }

        if (type == "bind" && string.IsNullOrEmpty(source))
        {
            error = "a bind mount needs a source";
            return null;
        }

        return new MountSpec(type, string.IsNullOrEmpty(source) ? null : source, target, readOnly, raw);
    }

    private static bool TryFlag(string? value, out bool flag)
    {
        flag = value is null || value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
        return flag || value is "0" || string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
    }
}
