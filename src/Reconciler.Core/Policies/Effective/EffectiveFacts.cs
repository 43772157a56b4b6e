using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Policies.Effective;

/// <summary>
/// Facts the effective document states once although devcontainer.json can write them in several places:
/// every mount (<c>mounts</c>, <c>workspaceMount</c>, <c>runArgs -v/--mount</c>), every <c>${localEnv:…}</c>
/// reference, and the user the container's tools run as.
/// </summary>
internal static class EffectiveFacts
{
    /// <summary>
    /// <c>[{ type, source?, target, readOnly, from, hostPath? }]</c>. <c>hostPath</c> is set for bind mounts whose source
    /// lies outside the workspace's own checkout (<c>${localWorkspaceFolder}</c>), which is what host-path policies judge.
    /// </summary>
    public static JArray Mounts(DevcontainerConfig config, SourceMap map, string localWorkspaceFolder, EffectiveSourceMap sources)
    {
        var result = new JArray();
        void Add(MountSpec mount, string from, string pointer)
        {
            var item = new JObject { ["type"] = mount.Type, ["target"] = mount.Target, ["readOnly"] = mount.ReadOnly, ["from"] = from };
            if (mount.Source is { } source)
            {
                item["source"] = source;
                if (mount.Type == "bind" && !IsWithin(source, localWorkspaceFolder))
                {
                    item["hostPath"] = Normalise(source);
                }
            }

            sources.Set(JsonPointer.Append("/mounts", result.Count), new SourceRef(map.ValueLocation(pointer), pointer));
            result.Add(item);
        }

        for (var i = 0; i < config.Mounts.Count; i++)
        {
            Add(config.Mounts[i], "mounts", JsonPointer.Append("/mounts", i));
        }

        if (config.WorkspaceMount is { } workspaceMount)
        {
            Add(workspaceMount, "workspaceMount", "/workspaceMount");
        }

        foreach (var (flag, value, pointer) in EffectiveRunArgs.Flags(config.RunArgs))
        {
            var mount = flag.Name switch
            {
                "--volume" => MountParser.ParseVolumeFlag(value ?? "", out _),
                "--mount" => MountParser.Parse(value ?? "", out _),
                _ => null,
            };
            if (mount is not null)
            {
                Add(mount, "runArgs", pointer);
            }
        }

        return result;
    }

    /// <summary><c>[{ name, pointer }]</c>: each reference, located at the string value that holds it.</summary>
    public static JArray LocalEnv(DevcontainerConfig config, SourceMap map, EffectiveSourceMap sources)
    {
        var result = new JArray();
        foreach (var reference in config.LocalEnvReferences)
        {
            sources.Set(JsonPointer.Append("/localEnv", result.Count), new SourceRef(map.ValueLocation(reference.Pointer), reference.Pointer));
            result.Add(new JObject { ["name"] = reference.Name, ["pointer"] = reference.Pointer });
        }

        return result;
    }

    /// <summary>The user tools run as: <c>remoteUser</c>, else <c>containerUser</c>, else <c>runArgs --user</c>; null when none is written.</summary>
    public static JValue? User(DevcontainerConfig config, SourceMap map, EffectiveSourceMap sources)
    {
        var runUser = EffectiveRunArgs.Flags(config.RunArgs).LastOrDefault(f => f.Flag.Name == "--user");
        var (user, pointer) = config.RemoteUser is { } remote ? (remote, "/remoteUser")
            : config.ContainerUser is { } container ? (container, "/containerUser")
            : runUser.Value is { } run ? (run, runUser.Pointer)
            : (null, "");
        if (user is null)
        {
            return null;
        }

        sources.Set("/user", new SourceRef(map.ValueLocation(pointer), pointer));
        return new JValue(user);
    }

    private static bool IsWithin(string path, string folder)
    {
        var normalised = Normalise(path);
        var root = Normalise(folder);
        return root.Length > 1 && (normalised == root || normalised.StartsWith(root + "/", StringComparison.Ordinal));
    }

    /// <summary>Resolves <c>.</c>, <c>..</c> and repeated slashes lexically (no file system access: the core is pure).</summary>
    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return (path.StartsWith('/') || path.StartsWith('\\') ? "/" : "") + string.Join('/', parts);
    }
}
