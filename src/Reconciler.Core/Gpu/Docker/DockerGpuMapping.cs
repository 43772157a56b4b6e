using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Docker;

/// <summary>
/// Maps an assignment to Docker settings. Device ids are GPU UUIDs, or MIG instance UUIDs for MIG (what the
/// NVIDIA container toolkit and CUDA accept); <c>CUDA_VISIBLE_DEVICES</c> names the same ids, so CUDA sees
/// exactly the assigned devices whatever order the runtime enumerates them in. vGPU is for VMs, and a MIG
/// instance that does not exist yet has no UUID to name: both have no Docker mapping.
/// </summary>
public static class DockerGpuMapping
{
    public const string Driver = "nvidia";

    public static bool TryMap(GpuAssignment assignment, out DockerGpuSettings? settings, out string? reason)
    {
        settings = null;
        reason = null;
        if (assignment.Mode is GpuMode.None or GpuMode.Vgpu)
        {
            reason = $"{WorkspaceVocabulary.ToYaml(assignment.Mode)} has no Docker GPU mapping (vGPU is for VMs)";
            return false;
        }

        var ids = new List<string>();
        foreach (var gpu in assignment.Gpus)
        {
            var id = assignment.Mode == GpuMode.Mig ? gpu.MigInstanceUuid : gpu.DeviceUuid;
            if (id is null)
            {
                reason = $"the MIG {assignment.Profile} instance on {gpu.DeviceUuid} has no UUID yet (create it first)";
                return false;
            }

            ids.Add(id);
        }

        var visible = string.Join(",", ids);
        settings = new DockerGpuSettings(
            [new DockerDeviceRequest(Driver, ids, [["gpu"]])],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["NVIDIA_VISIBLE_DEVICES"] = visible,
                ["CUDA_VISIBLE_DEVICES"] = visible,
            },
            new Dictionary<string, string>(StringComparer.Ordinal) { [GpuLabels.Key] = GpuLabels.Format(assignment) });
        return true;
    }
}
