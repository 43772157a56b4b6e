using System.Globalization;
using Docker.DotNet.Models;
using Reconciler.Core.Compose;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Compose;

/// <summary>Translates a compose sidecar into the engine's create-container request.</summary>
internal static class SidecarConfigBuilder
{
    public static CreateContainerParameters Build(DesiredWorkspace desired, ComposeSidecar sidecar)
    {
        var service = sidecar.Service;
        var exposed = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
        var bindings = new Dictionary<string, IList<global::Docker.DotNet.Models.PortBinding>>(StringComparer.Ordinal);
        foreach (var port in service.Ports)
        {
            var key = $"{port.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{port.Protocol}";
            exposed[key] = default;
            if (port.HostPort is { } host)
            {
                bindings[key] = [new() { HostIP = port.HostIp ?? "", HostPort = host.ToString(CultureInfo.InvariantCulture) }];
            }
        }

        var parameters = new CreateContainerParameters
        {
            Name = sidecar.ContainerName,
            Image = sidecar.Image,
            Env = [.. service.Environment.Select(e => $"{e.Key}={e.Value}")],
            Labels = ComposeLabels.ForSidecar(desired, sidecar),
            User = service.User ?? "",
            WorkingDir = service.WorkingDir ?? "",
            Hostname = service.Hostname ?? "",
            ExposedPorts = exposed,
            HostConfig = new HostConfig
            {
                Mounts = [.. sidecar.Mounts.Select(m => new Mount
                {
                    Type = m.Kind == MountKind.Tmpfs ? "tmpfs" : "volume",
                    Source = m.Kind == MountKind.Tmpfs ? null : m.Source,
                    Target = m.Target,
                    ReadOnly = m.ReadOnly,
                })],
                PortBindings = bindings,
                NetworkMode = sidecar.NetworkMode ?? "",
                Init = service.Init ? true : null,
                Privileged = service.Privileged,
                CapAdd = [.. service.CapAdd],
            },
        };
        ComposeContainerSettings.Apply(parameters, service, sidecar.NetworkMode, overrideCommand: false);
        return parameters;
    }
}
