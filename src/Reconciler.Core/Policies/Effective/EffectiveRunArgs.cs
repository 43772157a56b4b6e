using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Policies.Effective;

/// <summary>
/// <c>runArgs</c> as an object of parsed flags: the flag name without dashes in camelCase (<c>--cap-add</c> →
/// <c>capAdd</c>, <c>--net</c> → <c>network</c>); boolean flags are booleans, repeatable flags lists of the values
/// as written, others the last value as written; <c>cpus</c> is a number and <c>memoryBytes</c>/<c>shmSizeBytes</c>
/// are added. Every value locates to the <c>runArgs</c> element that holds it (<c>--flag=value</c> or the
/// element after <c>--flag</c>). Only called for configurations that parsed, so every flag is known.
/// </summary>
internal static class EffectiveRunArgs
{
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        "--device", "--cap-add", "--cap-drop", "--security-opt", "--env", "--env-file", "--publish", "--volume", "--mount",
        "--label", "--add-host", "--ulimit",
    };

    public static JObject Build(DevcontainerConfig config, SourceMap map, EffectiveSourceMap sources)
    {
        var result = new JObject();
        foreach (var (flag, value, pointer) in Flags(config.RunArgs))
        {
            var key = Key(flag.Name);
            var at = JsonPointer.Append("/runArgs", key);
            var source = new SourceRef(map.ValueLocation(pointer), pointer);
            if (flag.IsBoolean)
            {
                result[key] = value is null or "1" || (bool.TryParse(value, out var on) && on);
                sources.Set(at, source);
            }
            else if (Repeatable.Contains(flag.Name))
            {
                if (result[key] is not JArray list)
                {
                    list = [];
                    result[key] = list;
                    sources.Set(at, source);
                }

                sources.Set(JsonPointer.Append(at, list.Count), source);
                list.Add(value ?? "");
            }
            else
            {
                result[key] = key == "cpus" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) ? cpus : value;
                sources.Set(at, source);
                Bytes(result, key, "memory", config.RunOptions.MemoryBytes, source, sources);
                Bytes(result, key, "shmSize", config.RunOptions.ShmSizeBytes, source, sources);
            }
        }

        return result;
    }

    /// <summary>Each flag with its value and the pointer of the element holding the value (the flag's own for booleans).</summary>
    public static IEnumerable<(RunFlags Flag, string? Value, string Pointer)> Flags(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!RunArgsParser.TrySplit(args[i], out var name, out var inline) || RunFlags.Find(name) is not { } flag)
            {
                continue;
            }

            var pointer = JsonPointer.Append("/runArgs", i);
            if (inline is null && !flag.IsBoolean && i + 1 < args.Count)
            {
                inline = args[++i];
                pointer = JsonPointer.Append("/runArgs", i);
            }

            yield return (flag, inline, pointer);
        }
    }

    private static void Bytes(JObject result, string key, string flagKey, long? bytes, SourceRef source, EffectiveSourceMap sources)
    {
        if (key == flagKey && bytes is { } value)
        {
            result[flagKey + "Bytes"] = value;
            sources.Set("/runArgs/" + flagKey + "Bytes", source);
        }
    }

    private static string Key(string flag)
    {
        if (flag == "--net")
        {
            return "network";
        }

        var parts = flag.TrimStart('-').Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
