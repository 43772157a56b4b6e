using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Gpus;

/// <summary>
/// A workspace's GPU assignment as create-container settings: <c>HostConfig.DeviceRequests</c> (driver nvidia, the
/// assigned GPU or MIG UUIDs, capabilities <c>[["gpu"]]</c>), <c>NVIDIA_VISIBLE_DEVICES</c> /
/// <c>CUDA_VISIBLE_DEVICES</c> and the <c>dev.reconciler.gpu</c> label that later passes read the assignment back from.
/// A workspace without an assignment gets <c>NVIDIA_VISIBLE_DEVICES=void</c>, so that on a host whose default runtime
/// is nvidia an image that sets <c>NVIDIA_VISIBLE_DEVICES=all</c> still sees no GPU it was not given.
/// </summary>
internal static class GpuContainerSettings
{
    public const string VisibleDevices = "NVIDIA_VISIBLE_DEVICES";

    /// <summary>The settings, or null for a workspace without an assignment; an assignment Docker cannot express fails the step.</summary>
    public static DockerGpuSettings? For(DesiredWorkspace desired)
    {
        if (desired.Gpu?.Assignment is not { } assignment)
        {
            return null;
        }

        if (!DockerGpuMapping.TryMap(assignment, out var settings, out var reason))
        {
            throw new StepFailedException("GpuUnavailable", $"the GPU assignment of {desired.Key} cannot be given to a container: {reason}");
        }

        return settings;
    }

    public static void Apply(CreateContainerParameters parameters, DockerGpuSettings? gpu)
    {
        var env = parameters.Env.Where(e => !IsGpuVariable(e, gpu)).ToList();
        if (gpu is null)
        {
            env.Add(VisibleDevices + "=void");
            parameters.Env = env;
            return;
        }

        env.AddRange(gpu.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
        parameters.Env = env;
        parameters.HostConfig.DeviceRequests = [.. gpu.DeviceRequests.Select(r => new DeviceRequest
        {
            Driver = r.Driver,
            DeviceIDs = [.. r.DeviceIds],
            Capabilities = [.. r.Capabilities.Select(c => (IList<string>)[.. c])],
        })];
        foreach (var (key, value) in gpu.Labels)
        {
            parameters.Labels[key] = value;
        }
    }

    /// <summary>The variables the assignment sets win over the same names in containerEnv (they would bypass it).</summary>
    private static bool IsGpuVariable(string entry, DockerGpuSettings? gpu)
    {
        var name = entry.Split('=', 2)[0];
        return name == VisibleDevices || (gpu is not null && gpu.Environment.ContainsKey(name));
    }
}
