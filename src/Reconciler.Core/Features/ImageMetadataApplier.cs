using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;

namespace Reconciler.Core.Features;

/// <summary>A lifecycle command an image metadata entry (a Feature, or the base image's label) adds before devcontainer.json's own.</summary>
public sealed record ImageLifecycleCommand(string Phase, string Source, LifecycleCommand Command);

/// <summary>
/// Folds image metadata entries (the base image's <c>devcontainer.metadata</c> entries, then each Feature's, in install
/// order) into a compiled workspace with <see cref="MergedConfiguration"/>'s rules; devcontainer.json's own values were
/// compiled already and win where a single value is kept. Bind mounts from image metadata are refused: they would reach
/// the worker's file system without passing the policies that see devcontainer.json.
/// </summary>
public static class ImageMetadataApplier
{
    private static readonly string[] Phases = ["onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand"];

    public static DesiredWorkspace Apply(DesiredWorkspace desired, IReadOnlyList<JObject> imageEntries, List<string> errors)
    {
        if (imageEntries.Count == 0)
        {
            return desired;
        }

        imageEntries = Substitute(desired, imageEntries);

        var c = desired.Container;
        var mounts = c.Mounts.ToList();
        foreach (var (entry, token) in imageEntries.SelectMany(e => (e["mounts"] as JArray ?? []).Select(m => (e, m))))
        {
            var source = (string?)entry["id"] ?? "image";
            if (ReadMount(token, out var error) is not { } mount)
            {
                errors.Add($"mount {token.ToString(Newtonsoft.Json.Formatting.None)} of {source}: {error}");
                continue;
            }

            if (mount.Kind == MountKind.Bind)
            {
                errors.Add($"{source} asks for a bind mount of {mount.Source} at {mount.Target}: bind mounts from Features or image metadata are refused (declare it in devcontainer.json, where policies see it)");
                continue;
            }

            // devcontainer.json comes last in the merge, so its mount at the same target wins.
            if (!mounts.Any(m => m.Target == mount.Target))
            {
                mounts.Add(mount);
            }
        }

        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var remoteEnv = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in imageEntries)
        {
            Fold(entry["containerEnv"], (k, v) => env[k] = v ?? string.Empty);
            Fold(entry["remoteEnv"], (k, v) => remoteEnv[k] = v);
        }

        foreach (var (k, v) in c.Env)
        {
            env[k] = v;
        }

        foreach (var (k, v) in c.RemoteEnv)
        {
            remoteEnv[k] = v;
        }

        var container = c with
        {
            Init = c.Init || imageEntries.Any(e => MergedConfiguration.Truthy(e["init"])),
            Privileged = c.Privileged || imageEntries.Any(e => MergedConfiguration.Truthy(e["privileged"])),
            CapAdd = Union(imageEntries, "capAdd", c.CapAdd),
            SecurityOpt = Union(imageEntries, "securityOpt", c.SecurityOpt),
            Mounts = mounts,
            Env = env,
            RemoteEnv = remoteEnv,
            Entrypoints = [.. imageEntries.Select(e => e["entrypoint"]).Where(t => t?.Type == JTokenType.String && MergedConfiguration.Truthy(t)).Select(t => (string)t!)],
            ContainerUser = c.ContainerUser ?? Last(imageEntries, "containerUser"),
            RemoteUser = c.RemoteUser ?? Last(imageEntries, "remoteUser"),
        };

        var commands = new List<ImageLifecycleCommand>();
        foreach (var entry in imageEntries)
        {
            foreach (var phase in Phases)
            {
                if (entry[phase] is { } token && MergedConfiguration.Truthy(token))
                {
                    if (LifecycleCommandReader.FromToken(token) is { } command)
                    {
                        commands.Add(new ImageLifecycleCommand(phase, (string?)entry["id"] ?? "image", command));
                    }
                    else
                    {
                        errors.Add($"{phase} of {(string?)entry["id"] ?? "image"} must be a string, an array of strings or an object of them");
                    }
                }
            }
        }

        return desired with { Container = container, Commands = desired.Commands with { FromImage = commands } };
    }

    /// <summary>
    /// Variables in metadata entries resolve as the CLI resolves them: <c>${devcontainerId}</c> (Features name volumes with
    /// it, e.g. <c>dind-var-lib-docker-${devcontainerId}</c>), <c>${containerWorkspaceFolder}</c>; <c>${localWorkspaceFolder}</c>
    /// is the container's workspace folder (the worker's own paths never reach a Feature); <c>${localEnv:…}</c> reads nothing.
    /// </summary>
    private static IReadOnlyList<JObject> Substitute(DesiredWorkspace desired, IReadOnlyList<JObject> entries)
    {
        var context = new SubstitutionContext(
            desired.Container.WorkspaceFolder, WorkspaceLoader.DevcontainerId(desired.Key), new Dictionary<string, string>(), new HashSet<string>());
        var ignored = new Diagnostics.DiagnosticBag();
        return [.. entries.Select(e => (JObject)VariableSubstitution.Apply(e.DeepClone(), new Documents.SourceMap("image metadata"), context, ignored))];
    }

    private static MountRequest? ReadMount(JToken token, out string? error)
    {
        error = null;
        MountSpec? spec;
        if (token.Type == JTokenType.String)
        {
            spec = MountParser.Parse((string)token!, out error);
        }
        else if (token is JObject obj && obj["target"]?.Type == JTokenType.String && obj["type"]?.Type == JTokenType.String)
        {
            spec = new MountSpec((string)obj["type"]!, (string?)obj["source"], (string)obj["target"]!);
        }
        else
        {
            error = "a mount is a --mount string or { type, source, target }";
            return null;
        }

        if (spec is null)
        {
            return null;
        }

        var kind = spec.Type switch
        {
            "bind" => MountKind.Bind,
            "tmpfs" => MountKind.Tmpfs,
            "volume" => MountKind.Volume,
            _ => (MountKind?)null,
        };
        if (kind is null)
        {
            error = $"unknown mount type '{spec.Type}'";
            return null;
        }

        return new MountRequest(kind.Value, spec.Source, spec.Target, spec.ReadOnly);
    }

    private static void Fold(JToken? map, Action<string, string?> set)
    {
        if (map is JObject obj)
        {
            foreach (var property in obj.Properties())
            {
                set(property.Name, property.Value.Type == JTokenType.Null ? null : property.Value.ToString());
            }
        }
    }

    private static List<string> Union(IReadOnlyList<JObject> entries, string key, IReadOnlyList<string> own)
    {
        var result = new List<string>();
        foreach (var value in entries.Select(e => e[key]).OfType<JArray>().SelectMany(a => a.Values<string>()).Concat(own))
        {
            if (value is not null && !result.Contains(value, StringComparer.Ordinal))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static string? Last(IReadOnlyList<JObject> entries, string key)
        => entries.Reverse().Select(e => e[key]).FirstOrDefault(t => t?.Type == JTokenType.String && MergedConfiguration.Truthy(t)) is { } t ? (string)t! : null;
}
