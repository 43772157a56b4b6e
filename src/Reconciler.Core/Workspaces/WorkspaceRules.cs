using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// Checks that need more than one value at a time (the schema judges values one by one): unique names, GPU
/// settings that fit the mode, unique volumes and ports, storage entries (<see cref="StorageRules"/>), and the lifecycle
/// (<see cref="LifecycleRules"/>).
/// </summary>
internal sealed class WorkspaceRules(SourceMap map, DiagnosticBag diagnostics, StorageReferences references)
{
    public void CheckNamesUnique(IReadOnlyList<WorkspaceSpec> workspaces)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < workspaces.Count; i++)
        {
            if (!seen.TryAdd(workspaces[i].Name, i))
            {
                var first = map.Locate($"/workspaces/{seen[workspaces[i].Name]}/name");
                Report(DiagnosticCodes.DuplicateName, $"/workspaces/{i}/name",
                    $"workspace name '{workspaces[i].Name}' is already used on line {first.Line}; names must be unique in the file");
            }
        }
    }

    public void Check(WorkspaceSpec workspace, JObject merged, string pointer)
    {
        CheckGpu(workspace.Gpu, merged["gpu"]?["count"] is not null, JsonPointer.Append(pointer, "gpu"));
        CheckStorage(workspace.Storage, workspace.Deployment, JsonPointer.Append(pointer, "storage"));
        CheckPorts(workspace.Ports, JsonPointer.Append(pointer, "ports"));
        new LifecycleRules(map, diagnostics).Check(workspace.Lifecycle, merged["lifecycle"] as JObject, JsonPointer.Append(pointer, "lifecycle"));
    }

    private void CheckGpu(GpuSpec gpu, bool countWritten, string pointer)
    {
        var mode = WorkspaceVocabulary.ToYaml(gpu.Mode);
        if (gpu.Mode != GpuMode.None && gpu.Count < 1)
        {
            var count = JsonPointer.Append(pointer, "count");
            if (!countWritten)
            {
                Report(DiagnosticCodes.MissingRequired, count, $"{JsonPointer.ToDisplayPath(pointer)}: count is required when mode is {mode}; write e.g. count: 1");
            }
            else
            {
                Report(DiagnosticCodes.InvalidValue, count, $"{JsonPointer.ToDisplayPath(count)}: must be at least 1 when mode is {mode}");
            }
        }

        if (gpu.Profile is not null && gpu.Mode is not (GpuMode.Mig or GpuMode.Vgpu))
        {
            var profile = JsonPointer.Append(pointer, "profile");
            Report(DiagnosticCodes.InvalidValue, profile, $"{JsonPointer.ToDisplayPath(profile)}: a profile is only allowed with mode mig or vgpu, not {mode}");
        }

        if (gpu.Mode is GpuMode.Mig or GpuMode.Vgpu && gpu.Profile is null)
        {
            Report(DiagnosticCodes.MissingRequired, pointer, $"{JsonPointer.ToDisplayPath(pointer)}: profile is required when mode is {mode}; write e.g. profile: 1g.10gb");
        }

        foreach (var (key, written) in new[] { ("memory", gpu.MemoryBytes is not null), ("replicas", gpu.Replicas is not null) })
        {
            if (written && gpu.Mode != GpuMode.Shared)
            {
                var at = JsonPointer.Append(pointer, key);
                Report(DiagnosticCodes.InvalidValue, at, $"{JsonPointer.ToDisplayPath(at)}: only allowed with mode shared, not {mode}");
            }
        }
    }

    private void CheckStorage(IReadOnlyList<StorageSpec> storage, DeploymentKind deployment, string pointer)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < storage.Count; j++)
        {
            var volume = JsonPointer.Append(pointer, j);
            if (!seen.TryAdd(storage[j].Name, j))
            {
                var first = map.Locate(JsonPointer.Append(JsonPointer.Append(pointer, seen[storage[j].Name]), "name"));
                Report(DiagnosticCodes.DuplicateName, JsonPointer.Append(volume, "name"),
                    $"{JsonPointer.ToDisplayPath(volume)}: volume name '{storage[j].Name}' is already used on line {first.Line}");
            }

            new StorageRules(map, diagnostics, references).Check(storage[j], deployment, volume);
        }
    }

    private void CheckPorts(IReadOnlyList<PortSpec> ports, string pointer)
    {
        var seen = new Dictionary<int, int>();
        for (var j = 0; j < ports.Count; j++)
        {
            if (!seen.TryAdd(ports[j].Port, j))
            {
                var first = map.Locate(JsonPointer.Append(JsonPointer.Append(pointer, seen[ports[j].Port]), "port"));
                var port = JsonPointer.Append(JsonPointer.Append(pointer, j), "port");
                Report(DiagnosticCodes.DuplicateName, port,
                    $"{JsonPointer.ToDisplayPath(port)}: port {ports[j].Port} is already listed on line {first.Line}");
            }
        }
    }

    private void Report(string code, string pointer, string message)
        => diagnostics.Error(code, message, map.Locate(pointer), pointer);
}
