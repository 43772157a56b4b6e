using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// Binds one merged, schema-valid workspace mapping to a <see cref="WorkspaceSpec"/>: snake_case words to enums,
/// sizes to bytes, durations to <see cref="TimeSpan"/>s. Values the schema cannot judge (a size too large for
/// 64 bits) are reported here.
/// </summary>
internal sealed class WorkspaceBinder(SourceMap map, DiagnosticBag diagnostics)
{
    public WorkspaceSpec Bind(JObject workspace, string pointer)
    {
        var spec = new WorkspaceSpec
        {
            Name = JsonRead.String(workspace, "name") ?? "",
            Deployment = Word(workspace, "deployment", DeploymentKind.DockerLocal),
            Host = JsonRead.String(workspace, "host"),
            Type = Word(workspace, "type", WorkspaceType.Ide),
            Team = JsonRead.String(workspace, "team"),
            Owner = JsonRead.String(workspace, "owner"),
            Resources = Resources(JsonRead.Object(workspace, "resources"), JsonPointer.Append(pointer, "resources")),
            Gpu = Gpu(JsonRead.Object(workspace, "gpu"), JsonPointer.Append(pointer, "gpu")),
            Storage = [.. JsonRead.Objects(workspace, "storage").Select((v, i) => Volume(v, JsonPointer.Append(JsonPointer.Append(pointer, "storage"), i)))],
            Ports = [.. JsonRead.Objects(workspace, "ports").Select(Port)],
            Access = Access(JsonRead.Object(workspace, "access")),
            Lifecycle = Lifecycle(JsonRead.Object(workspace, "lifecycle"), JsonPointer.Append(pointer, "lifecycle")),
            Labels = Labels(JsonRead.Object(workspace, "labels")),
            SelfHeal = JsonRead.Bool(workspace, "selfHeal") ?? true,
            Previews = Previews(JsonRead.Object(workspace, "previews"), JsonPointer.Append(pointer, "previews")),
            Persistence = JsonRead.String(workspace, "persistence") == "snapshot" ? WorkspacePersistence.Snapshot : WorkspacePersistence.None,
            Location = map.ValueLocation(pointer),
        };
        return JsonRead.String(workspace, "devcontainer") is { } devcontainer ? spec with { Devcontainer = devcontainer } : spec;
    }

    private PreviewSpec Previews(JObject? previews, string pointer)
        => previews is null ? PreviewSpec.Off : new PreviewSpec(JsonRead.Bool(previews, "enabled") ?? false, Duration(previews, "ttl", pointer));

    private static TEnum Word<TEnum>(JObject obj, string key, TEnum fallback)
        where TEnum : struct, Enum
        => WorkspaceVocabulary.TryParse<TEnum>(JsonRead.String(obj, key), out var value) ? value : fallback;

    private ResourceSpec Resources(JObject? resources, string pointer)
    {
        if (resources is null)
        {
            return new ResourceSpec();
        }

        var cpu = JsonRead.Number(resources, "cpu");
        if (cpu is { } value && !double.IsFinite(value))
        {
            // YAML's .inf and .nan are numbers to the schema, but not a CPU count.
            Invalid(JsonPointer.Append(pointer, "cpu"), $"{(double.IsNaN(value) ? ".nan" : ".inf")} is not a CPU count; write e.g. 0.5 or 8");
            cpu = null;
        }

        return new ResourceSpec(cpu, Size(resources, "memory", pointer), Size(resources, "disk", pointer));
    }

    private GpuSpec Gpu(JObject? gpu, string pointer) => gpu is null
        ? new GpuSpec()
        : new GpuSpec(
            Word(gpu, "mode", GpuMode.None),
            (int)Math.Min(JsonRead.Integer(gpu, "count") ?? 0, int.MaxValue),
            JsonRead.String(gpu, "model"),
            JsonRead.String(gpu, "profile"),
            Size(gpu, "memory", pointer),
            JsonRead.Integer(gpu, "replicas") is { } replicas ? (int)Math.Min(replicas, int.MaxValue) : null);

    private StorageSpec Volume(JObject volume, string pointer) => new(
        JsonRead.String(volume, "name") ?? "",
        Word(volume, "type", StorageType.Local),
        JsonRead.String(volume, "mountPath") ?? "",
        Size(volume, "size", pointer),
        JsonRead.String(volume, "server"),
        JsonRead.String(volume, "path"),
        JsonRead.Bool(volume, "readOnly") ?? false)
    {
        Credentials = JsonRead.String(volume, "credentials"),
        Endpoint = JsonRead.String(volume, "endpoint"),
        Bucket = JsonRead.String(volume, "bucket"),
        Prefix = JsonRead.String(volume, "prefix") ?? "",
        Sync = JsonRead.String(volume, "sync") switch
        {
            null => null,
            "two-way" => StorageSync.TwoWay,
            _ => StorageSync.Download,
        },
        Claim = JsonRead.String(volume, "claim"),
        StorageClass = JsonRead.String(volume, "storageClass"),
    };

    private static PortSpec Port(JObject port) => new(
        (int)Math.Clamp(JsonRead.Integer(port, "port") ?? 0, 0, 65535),
        JsonRead.String(port, "name"),
        Word(port, "expose", PortExposure.Internal));

    private static AccessSpec Access(JObject? access) => access is null
        ? new AccessSpec()
        : new AccessSpec(
            JsonRead.Bool(access, "ssh") ?? false,
            JsonRead.Bool(access, "jupyter") ?? false,
            JsonRead.Bool(access, "vnc") ?? false,
            JsonRead.Bool(access, "rdp") ?? false,
            JsonRead.Bool(access, "jumpserver") ?? false);

    private LifecycleSpec Lifecycle(JObject? lifecycle, string pointer) => lifecycle is null
        ? new LifecycleSpec()
        : new LifecycleSpec(
            Word(lifecycle, "policy", LifecyclePolicy.Persistent),
            JsonRead.String(lifecycle, "timezone"),
            JsonRead.String(lifecycle, "start"),
            JsonRead.String(lifecycle, "stop"),
            Duration(lifecycle, "idleTimeout", pointer),
            Duration(lifecycle, "ttl", pointer),
            JsonRead.Bool(lifecycle, "keepVolumes") ?? false);

    private static Dictionary<string, string> Labels(JObject? labels) => labels is null
        ? []
        : labels.Properties().Where(p => p.Value.Type == JTokenType.String).ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal);

    private long? Size(JObject obj, string key, string pointer)
    {
        if (JsonRead.Integer(obj, key) is { } bytes)
        {
            return bytes;
        }

        var text = JsonRead.String(obj, key);
        if (text is null)
        {
            return null;
        }

        if (ByteSize.TryParse(text, out var parsed))
        {
            return parsed;
        }

        Invalid(JsonPointer.Append(pointer, key), $"'{YamlMessages.Shorten(text)}' is too large a size");
        return null;
    }

    private TimeSpan? Duration(JObject obj, string key, string pointer)
    {
        var text = JsonRead.String(obj, key);
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        Invalid(JsonPointer.Append(pointer, key), $"'{YamlMessages.Shorten(text)}' is too long a duration");
        return null;
    }

    private void Invalid(string pointer, string message)
        => diagnostics.Error(DiagnosticCodes.InvalidValue, $"{JsonPointer.ToDisplayPath(pointer)}: {message}", map.ValueLocation(pointer), pointer);
}
