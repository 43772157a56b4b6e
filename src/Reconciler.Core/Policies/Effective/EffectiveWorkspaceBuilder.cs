using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Policies.Effective;

/// <summary>
/// Builds the <see cref="EffectiveWorkspace"/> of one workspace entry. Pure: the parsed workspace file (defaults
/// already merged), the entry's index, its parsed devcontainer configuration and the local folder that
/// <c>${localWorkspaceFolder}</c> resolved to.
/// </summary>
public static class EffectiveWorkspaceBuilder
{
    public static EffectiveWorkspace Build(
        WorkspaceFileSpec file, int index, DevcontainerConfig devcontainer, string repository, string localWorkspaceFolder)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(devcontainer);
        var spec = file.Workspaces[index];
        var entryPointer = JsonPointer.Append("/workspaces", index);
        var fileMap = file.Document.Map;
        var entry = (JObject)file.Document.Root["workspaces"]![index]!;
        var entryRef = new SourceRef(fileMap.ValueLocation(entryPointer), entryPointer);
        var sources = new EffectiveSourceMap(entryRef);

        var root = new JObject { ["repository"] = repository };
        var workspace = (JObject)entry.DeepClone();
        Copy(workspace, "/workspace", entryPointer, fileMap, sources);
        WorkspaceNormaliser.Apply(workspace, spec, sources);
        root["workspace"] = workspace;

        var devcontainerRoot = devcontainer.Document.Root.DeepClone();
        var devcontainerRef = new SourceRef(devcontainer.Document.Map.ValueLocation(""), "");
        sources.Set("/devcontainer", devcontainerRef);
        Copy(devcontainerRoot, "/devcontainer", "", devcontainer.Document.Map, sources);
        root["devcontainer"] = devcontainerRoot;

        var devcontainerMap = devcontainer.Document.Map;
        sources.Set("/user", devcontainerRef);
        root["runArgs"] = EffectiveRunArgs.Build(devcontainer, devcontainerMap, sources);
        root["mounts"] = EffectiveFacts.Mounts(devcontainer, devcontainerMap, localWorkspaceFolder, sources);
        root["localEnv"] = EffectiveFacts.LocalEnv(devcontainer, devcontainerMap, sources);
        if (EffectiveFacts.User(devcontainer, devcontainerMap, sources) is { } user)
        {
            root["user"] = user;
        }

        sources.Set("/runArgs", devcontainerRef);
        sources.Set("/mounts", devcontainerRef);
        sources.Set("/localEnv", devcontainerRef);
        return new EffectiveWorkspace(repository, spec.Name, spec.Team, spec.Owner, root, sources);
    }

    /// <summary>Records where every value of <paramref name="token"/> came from (explicit stack: documents may be deep).</summary>
    private static void Copy(JToken token, string at, string from, SourceMap map, EffectiveSourceMap sources)
    {
        var pending = new Stack<(JToken Token, string At, string From)>();
        pending.Push((token, at, from));
        while (pending.Count > 0)
        {
            var (current, target, source) = pending.Pop();
            sources.Set(target, new SourceRef(map.ValueLocation(source), source));
            switch (current)
            {
                case JObject obj:
                    foreach (var property in obj.Properties())
                    {
                        pending.Push((property.Value, JsonPointer.Append(target, property.Name), JsonPointer.Append(source, property.Name)));
                    }

                    break;
                case JArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        pending.Push((array[i], JsonPointer.Append(target, i), JsonPointer.Append(source, i)));
                    }

                    break;
            }
        }
    }
}
