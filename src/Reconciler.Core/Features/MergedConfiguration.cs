using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Features;

/// <summary>
/// The effective configuration of the devcontainer spec ("merge logic"): devcontainer.json with the image metadata entries
/// (base image, Features in install order, the configuration itself last) folded in, field for field as
/// @devcontainers/cli 0.89.0's <c>mergeConfiguration</c>: booleans are true when any entry says so, capAdd/securityOpt are
/// unions, lifecycle commands and entrypoints are collected in order, mounts are deduplicated by target (the later
/// wins), maps are merged (later keys win), single values come from the last entry that sets them.
/// </summary>
public static class MergedConfiguration
{
    private static readonly string[] Replaced =
        ["customizations", "entrypoint", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand", "shutdownAction"];

    public static JObject Merge(JObject config, IReadOnlyList<JObject> entries)
    {
        // The CLI drops entries without properties before merging.
        entries = [.. entries.Where(e => e.Count > 0)];
        var merged = (JObject)config.DeepClone();
        foreach (var key in Replaced)
        {
            merged.Remove(key);
        }

        var reversed = entries.Reverse().ToList();
        Set(merged, "init", entries.Any(e => Truthy(e["init"])));
        Set(merged, "privileged", entries.Any(e => Truthy(e["privileged"])));
        Set(merged, "capAdd", Union(entries, "capAdd"));
        Set(merged, "securityOpt", Union(entries, "securityOpt"));
        Set(merged, "entrypoints", Collect(entries, "entrypoint", orNull: true));
        Set(merged, "mounts", Mounts(entries));
        Set(merged, "customizations", Customizations(entries));
        foreach (var (key, target) in new[]
                 {
                     ("onCreateCommand", "onCreateCommands"), ("updateContentCommand", "updateContentCommands"), ("postCreateCommand", "postCreateCommands"),
                     ("postStartCommand", "postStartCommands"), ("postAttachCommand", "postAttachCommands"),
                 })
        {
            Set(merged, target, Collect(entries, key, orNull: false));
        }

        foreach (var key in new[] { "waitFor", "remoteUser", "containerUser", "userEnvProbe" })
        {
            Set(merged, key, reversed.Select(e => e[key]).FirstOrDefault(Truthy)?.DeepClone());
        }

        Set(merged, "remoteEnv", Assign(entries, "remoteEnv"));
        Set(merged, "containerEnv", Assign(entries, "containerEnv"));
        Set(merged, "overrideCommand", reversed.Select(e => e["overrideCommand"]).FirstOrDefault(t => t?.Type == JTokenType.Boolean)?.DeepClone());
        Set(merged, "portsAttributes", Assign(entries, "portsAttributes"));
        Set(merged, "otherPortsAttributes", reversed.Select(e => e["otherPortsAttributes"]).FirstOrDefault(Truthy)?.DeepClone());
        Set(merged, "forwardPorts", ForwardPorts(entries));
        Set(merged, "shutdownAction", reversed.Select(e => e["shutdownAction"]).FirstOrDefault(Truthy)?.DeepClone());
        Set(merged, "updateRemoteUserUID", reversed.Select(e => e["updateRemoteUserUID"]).FirstOrDefault(t => t?.Type == JTokenType.Boolean)?.DeepClone());
        Set(merged, "hostRequirements", HostRequirements(entries));
        return merged;
    }

    /// <summary>JavaScript truthiness of a JSON value (absent, null, false, 0 and "" are false).</summary>
    public static bool Truthy(JToken? token) => token switch
    {
        null => false,
        { Type: JTokenType.Null or JTokenType.Undefined } => false,
        { Type: JTokenType.Boolean } => (bool)token,
        { Type: JTokenType.String } => ((string?)token)!.Length > 0,
        { Type: JTokenType.Integer or JTokenType.Float } => (double)token != 0,
        _ => true,
    };

    /// <summary>A property set to null is left out, as JSON.stringify drops <c>undefined</c>.</summary>
    private static void Set(JObject target, string key, JToken? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value;
        }
    }

    private static JArray? Union(IReadOnlyList<JObject> entries, string key)
    {
        var values = new List<JToken>();
        foreach (var token in entries.Select(e => e[key]).Where(Truthy))
        {
            foreach (var item in token is JArray array ? array.Children().ToList() : [token!])
            {
                if (!values.Any(v => JToken.DeepEquals(v, item)))
                {
                    values.Add(item.DeepClone());
                }
            }
        }

        return values.Count > 0 ? new JArray(values) : null;
    }

    private static JArray? Collect(IReadOnlyList<JObject> entries, string key, bool orNull)
    {
        var values = entries.Select(e => e[key]).Where(Truthy).Select(t => t!.DeepClone()).ToList();
        return values.Count > 0 || !orNull ? new JArray(values) : null;
    }

    private static JObject Assign(IReadOnlyList<JObject> entries, string key)
    {
        var result = new JObject();
        foreach (var map in entries.Select(e => e[key]).OfType<JObject>())
        {
            foreach (var property in map.Properties())
            {
                result[property.Name] = property.Value.DeepClone();
            }
        }

        return result;
    }

    private static JArray? Mounts(IReadOnlyList<JObject> entries)
    {
        var all = entries.Select(e => e["mounts"]).OfType<JArray>().SelectMany(a => a.Children()).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<JToken>();
        for (var i = all.Count - 1; i >= 0; i--)
        {
            var target = Target(all[i]);
            if (seen.Add(target ?? $"\0{i}"))
            {
                kept.Insert(0, all[i].DeepClone());
            }
        }

        return kept.Count > 0 ? new JArray(kept) : null;
    }

    private static string? Target(JToken mount)
    {
        if (mount is JObject obj)
        {
            return obj["target"]?.ToString();
        }

        var text = mount.ToString();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq];
            if (name is "target" or "dst" or "destination")
            {
                return eq < 0 ? string.Empty : part[(eq + 1)..];
            }
        }

        return null;
    }

    private static JObject? Customizations(IReadOnlyList<JObject> entries)
    {
        var result = new JObject();
        foreach (var customizations in entries.Select(e => e["customizations"]).OfType<JObject>())
        {
            foreach (var property in customizations.Properties())
            {
                if (result[property.Name] is not JArray list)
                {
                    result[property.Name] = list = [];
                }

                list.Add(property.Value.DeepClone());
            }
        }

        return result.Count > 0 ? result : null;
    }

    private static JArray? ForwardPorts(IReadOnlyList<JObject> entries)
    {
        var seen = new List<string>();
        foreach (var port in entries.Select(e => e["forwardPorts"]).OfType<JArray>().SelectMany(a => a.Children()))
        {
            var text = port.Type == JTokenType.Integer ? $"localhost:{port}" : port.ToString();
            if (!seen.Contains(text, StringComparer.Ordinal))
            {
                seen.Add(text);
            }
        }

        var ports = seen.Select(p => System.Text.RegularExpressions.Regex.IsMatch(p, @"localhost:\d+") && int.TryParse(p[10..], out var n)
            ? (JToken)n
            : p).ToList();
        return ports.Count > 0 ? new JArray(ports) : null;
    }

    /// <summary>
    /// The largest cpus, memory and storage of any entry (memory and storage as byte counts in a string, as the CLI writes
    /// them), and the gpu requirements combined. Null when no entry asks for anything. (With no entry at all, the CLI
    /// writes <c>{"cpus":null,"memory":"-Infinity",…}</c>; Reconciler leaves the field out: docs/devcontainer.md.)
    /// </summary>
    private static JObject? HostRequirements(IReadOnlyList<JObject> entries)
    {
        var requirements = entries.Select(e => e["hostRequirements"] as JObject).ToList();
        var cpus = requirements.Select(r => r?["cpus"]).Select(t => t?.Type is JTokenType.Integer or JTokenType.Float ? (double)t : 0).DefaultIfEmpty(0).Max();
        var memory = requirements.Select(r => Bytes(r?["memory"])).DefaultIfEmpty(0).Max();
        var storage = requirements.Select(r => Bytes(r?["storage"])).DefaultIfEmpty(0).Max();
        JToken? gpu = null;
        foreach (var next in requirements.Select(r => r?["gpu"]))
        {
            gpu = CombineGpu(gpu, next);
        }

        if (cpus == 0 && memory == 0 && storage == 0 && gpu is null)
        {
            return null;
        }

        var result = new JObject { ["cpus"] = cpus == Math.Floor(cpus) ? new JValue((long)cpus) : new JValue(cpus) };
        if (memory > 0)
        {
            result["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (storage > 0)
        {
            result["storage"] = storage.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (gpu is not null)
        {
            result["gpu"] = gpu;
        }

        return result;
    }

    /// <summary>The CLI's size rule: digits with an optional lowercase <c>kb|mb|gb|tb</c>; anything else counts as 0.</summary>
    private static double Bytes(JToken? token)
    {
        if (token?.Type != JTokenType.String || System.Text.RegularExpressions.Regex.Match((string)token!, "^([0-9]+)([tgmk]b)?$") is not { Success: true } match)
        {
            return 0;
        }

        var factor = match.Groups[2].Success ? match.Groups[2].Value[0] switch { 't' => Math.Pow(2, 40), 'g' => Math.Pow(2, 30), 'm' => Math.Pow(2, 20), _ => 1024d } : 1d;
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * factor;
    }

    private static JToken? CombineGpu(JToken? a, JToken? b)
    {
        static bool Unset(JToken? t) => t is null || t.Type is JTokenType.Null || (t.Type == JTokenType.Boolean && !(bool)t);
        if (Unset(a))
        {
            return Unset(b) ? null : b!.DeepClone();
        }

        if (Unset(b))
        {
            return a;
        }

        if (a!.Type == JTokenType.String && (string?)a == "optional" && b!.Type == JTokenType.String && (string?)b == "optional")
        {
            return "optional";
        }

        var cores = Math.Max(a is JObject ao && ao["cores"]?.Type == JTokenType.Integer ? (long)ao["cores"]! : 0, b is JObject bo && bo["cores"]?.Type == JTokenType.Integer ? (long)bo["cores"]! : 0);
        var memory = Math.Max(Bytes((a as JObject)?["memory"]), Bytes((b as JObject)?["memory"]));
        var result = new JObject();
        if (cores > 0)
        {
            result["cores"] = cores;
        }

        if (memory > 0)
        {
            result["memory"] = memory.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }
}
