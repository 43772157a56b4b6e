using Newtonsoft.Json.Linq;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Policies.Effective;

/// <summary>
/// Makes the workspace part of the effective document complete and comparable: defaults the file did not write
/// (<c>deployment</c>, <c>type</c>, <c>gpu.mode</c>, <c>lifecycle.policy</c>, a port's <c>expose</c>) are filled in
/// and locate to the nearest written parent; sizes and durations get numeric twins (<c>memoryBytes</c>,
/// <c>ttlSeconds</c>, …) that locate to the value they were computed from, so a schema can compare them.
/// </summary>
internal static class WorkspaceNormaliser
{
    public static void Apply(JObject workspace, WorkspaceSpec spec, EffectiveSourceMap sources)
    {
        workspace["devcontainer"] ??= spec.Devcontainer;
        workspace["deployment"] ??= WorkspaceVocabulary.ToYaml(spec.Deployment);
        workspace["type"] ??= WorkspaceVocabulary.ToYaml(spec.Type);

        var resources = Section(workspace, "resources");
        Derived(resources, "memoryBytes", spec.Resources.MemoryBytes, "/workspace/resources/memory", sources);
        Derived(resources, "diskBytes", spec.Resources.DiskBytes, "/workspace/resources/disk", sources);

        var gpu = Section(workspace, "gpu");
        gpu["mode"] ??= WorkspaceVocabulary.ToYaml(spec.Gpu.Mode);
        gpu["count"] ??= spec.Gpu.Count;
        Derived(gpu, "memoryBytes", spec.Gpu.MemoryBytes, "/workspace/gpu/memory", sources);

        var lifecycle = Section(workspace, "lifecycle");
        lifecycle["policy"] ??= WorkspaceVocabulary.ToYaml(spec.Lifecycle.Policy);
        Derived(lifecycle, "idleTimeoutSeconds", (long?)spec.Lifecycle.IdleTimeout?.TotalSeconds, "/workspace/lifecycle/idleTimeout", sources);
        Derived(lifecycle, "ttlSeconds", (long?)spec.Lifecycle.Ttl?.TotalSeconds, "/workspace/lifecycle/ttl", sources);

        if (workspace["ports"] is JArray ports)
        {
            foreach (var port in ports.OfType<JObject>())
            {
                port["expose"] ??= "internal";
            }
        }
    }

    private static JObject Section(JObject workspace, string key)
    {
        if (workspace[key] is JObject section)
        {
            return section;
        }

        section = [];
        workspace[key] = section;
        return section;
    }

    private static void Derived(JObject section, string key, long? value, string writtenAt, EffectiveSourceMap sources)
    {
        if (value is not { } number)
        {
            return;
        }

        section[key] = number;
        sources.Set(writtenAt[..writtenAt.LastIndexOf('/')] + "/" + key, sources.Resolve(writtenAt));
    }
}
