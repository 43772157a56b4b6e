namespace Reconciler.Core.Gpu.Docker;

/// <summary>
/// What the Docker adapter sets on a container for its GPU assignment: <c>HostConfig.DeviceRequests</c>,
/// environment variables and labels. Plain values, so the core does not reference Docker.DotNet.
/// </summary>
public sealed record DockerGpuSettings(
    IReadOnlyList<DockerDeviceRequest> DeviceRequests,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>One <c>DeviceRequest</c>: <c>--gpus '"device=GPU-…,MIG-…"'</c> in docker run terms.</summary>
public sealed record DockerDeviceRequest(string Driver, IReadOnlyList<string> DeviceIds, IReadOnlyList<IReadOnlyList<string>> Capabilities);
