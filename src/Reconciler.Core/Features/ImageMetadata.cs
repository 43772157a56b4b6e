using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Features;

/// <summary>
/// The <c>devcontainer.metadata</c> image label of the devcontainer spec, as @devcontainers/cli 0.89.0 writes and reads
/// it: a JSON array of entries, one per base-image entry, then one per Feature in install order (its id and the
/// properties below), then one for devcontainer.json. Images labelled by either tool read the same way.
/// </summary>
public static class ImageMetadata
{
    public const string LabelKey = "devcontainer.metadata";

    private static readonly string[] LifecycleKeys = ["onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"];

    /// <summary>What a Feature contributes (the CLI's <c>pickFeatureProperties</c>).</summary>
    public static readonly IReadOnlyList<string> FeatureKeys =
        [.. LifecycleKeys, "init", "privileged", "capAdd", "securityOpt", "entrypoint", "mounts", "customizations"];

    /// <summary>What devcontainer.json contributes (the CLI's <c>pickConfigProperties</c>).</summary>
    public static readonly IReadOnlyList<string> ConfigKeys =
    [
        .. LifecycleKeys, "waitFor", "customizations", "mounts", "containerEnv", "containerUser", "init", "privileged", "capAdd",
        "securityOpt", "remoteUser", "userEnvProbe", "remoteEnv", "overrideCommand", "portsAttributes", "otherPortsAttributes",
        "forwardPorts", "shutdownAction", "updateRemoteUserUID", "hostRequirements",
    ];

    public static JObject FeatureEntry(string userId, JObject manifest)
    {
        manifest = LegacyProperties.Migrate(manifest);
        var entry = new JObject { ["id"] = userId };
        foreach (var key in FeatureKeys.Where(k => manifest[k] is not null))
        {
            entry[key] = manifest[key]!.DeepClone();
        }

        return entry;
    }

    public static JObject ConfigEntry(JObject config)
    {
        var entry = new JObject();
        foreach (var key in ConfigKeys.Where(k => config[k] is not null))
        {
            entry[key] = config[key]!.DeepClone();
        }

        return entry;
    }

    /// <summary>The label value: the entries without empty ones, compact JSON.</summary>
    public static string ToLabel(IEnumerable<JObject> entries)
        => new JArray(entries.Where(e => e.Count > 0)).ToString(Formatting.None);

    /// <summary>Reads a label value: an array of objects, or one object. Anything else is no metadata (and an error text).</summary>
    public static IReadOnlyList<JObject> FromLabel(string? label, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(label))
        {
            return [];
        }

        try
        {
            return JToken.Parse(label) switch
            {
                JArray array => [.. array.OfType<JObject>()],
                JObject one => [one],
                _ => Invalid(out error),
            };
        }
        catch (JsonReaderException e)
        {
            error = $"the {LabelKey} label is not JSON: {e.Message}";
            return [];
        }
    }

    private static IReadOnlyList<JObject> Invalid(out string error)
    {
        error = $"the {LabelKey} label is neither an array nor an object";
        return [];
    }
}
