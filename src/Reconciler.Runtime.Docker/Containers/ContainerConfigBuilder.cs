using System.Globalization;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Volumes;
using DockerPortBinding = Docker.DotNet.Models.PortBinding;

namespace Reconciler.Runtime.Docker.Containers;

/// <summary>Translates a <see cref="DesiredWorkspace"/> into the engine's create-container request.</summary>
internal static class ContainerConfigBuilder
{
    /// <summary>The devcontainer CLI's keep-alive loop: stays up without the image's command and exits at once on SIGTERM.</summary>
    public static readonly IReadOnlyList<string> KeepAliveEntrypoint =
        ["/bin/sh", "-c", "echo Container started; trap \"exit 0\" 15; while sleep 1 & wait $!; do :; done"];

    public static CreateContainerParameters Build(DesiredWorkspace desired, IReadOnlyList<ResolvedMount> mounts)
    {
        var spec = desired.Container;
        var (exposed, bindings) = Ports(spec.Ports);
        var parameters = new CreateContainerParameters
        {
            Name = DockerNames.Container(desired.Key),
            Image = desired.Image,
            Env = [.. spec.Env.Select(e => $"{e.Key}={e.Value}")],
            Labels = WorkspaceLabels.ForContainer(desired),
            User = spec.ContainerUser ?? string.Empty,
            WorkingDir = spec.WorkspaceFolder,
            Hostname = spec.Hostname ?? string.Empty,
            ExposedPorts = exposed,
            HostConfig = new HostConfig
            {
                NanoCPUs = spec.NanoCpus ?? 0,
                Memory = spec.MemoryBytes ?? 0,
                MemorySwap = spec.MemorySwapBytes ?? 0,
                ShmSize = spec.ShmSizeBytes ?? 0,
                PortBindings = bindings,
                Mounts = [.. mounts.Select(m => Mount(m.Request))],
                Init = spec.Init ? true : null,
                Privileged = spec.Privileged,
                CapAdd = [.. spec.CapAdd],
                CapDrop = [.. spec.CapDrop],
                SecurityOpt = [.. spec.SecurityOpt],
                Devices = [.. spec.Devices.Select(Device)],
                NetworkMode = spec.NetworkMode ?? string.Empty,
                IpcMode = spec.IpcMode ?? string.Empty,
                PidMode = spec.PidMode ?? string.Empty,
                UsernsMode = spec.UsernsMode ?? string.Empty,
                ExtraHosts = [.. spec.ExtraHosts],
                Ulimits = [.. spec.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard })],
            },
        };

        if (spec.OverrideCommand && spec.Entrypoints.Count > 0)
        {
            // As @devcontainers/cli: Feature entrypoints run in order inside the keep-alive script, before it waits.
            parameters.Entrypoint = ["/bin/sh", "-c", "echo Container started\ntrap \"exit 0\" 15\n" + string.Join("\n", spec.Entrypoints) + "\nexec \"$@\"\nwhile sleep 1 & wait $!; do :; done", "-"];
            parameters.Cmd = [];
        }
        else if (spec.OverrideCommand)
        {
            parameters.Entrypoint = [.. KeepAliveEntrypoint];
            parameters.Cmd = [];
        }

        if (desired.Compose is { } compose)
        {
            parameters.Labels[Compose.ComposeLabels.PrimaryHash] = compose.PrimaryHash;
            Compose.ComposeContainerSettings.Apply(parameters, compose.Primary, spec.NetworkMode, spec.OverrideCommand);
        }

        return parameters;
    }

    private static (Dictionary<string, EmptyStruct> Exposed, Dictionary<string, IList<DockerPortBinding>> Bindings) Ports(
        IReadOnlyList<Core.Desired.PortBinding> ports)
    {
        var exposed = new Dictionary<string, EmptyStruct>(StringComparer.Ordinal);
        var bindings = new Dictionary<string, IList<DockerPortBinding>>(StringComparer.Ordinal);
        foreach (var port in ports)
        {
            var key = $"{port.ContainerPort.ToString(CultureInfo.InvariantCulture)}/{port.Protocol.ToLowerInvariant()}";
            exposed[key] = default;
            if (!bindings.TryGetValue(key, out var list))
            {
                bindings[key] = list = [];
            }

            list.Add(new DockerPortBinding
            {
                HostIP = port.HostIp ?? string.Empty,
                HostPort = port.HostPort?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            });
        }

        return (exposed, bindings);
    }

    private static Mount Mount(MountRequest request) => new()
    {
        Type = request.Kind switch
        {
            MountKind.Bind => "bind",
            MountKind.Tmpfs => "tmpfs",
            _ => "volume",
        },
        Source = request.Kind == MountKind.Tmpfs ? null : request.Source,
        Target = request.Target,
        ReadOnly = request.ReadOnly,
    };

    /// <summary><c>host[:container[:permissions]]</c> as in <c>docker run --device</c>.</summary>
    private static DeviceMapping Device(string device)
    {
        var parts = device.Split(':');
        return new DeviceMapping
        {
            PathOnHost = parts[0],
            PathInContainer = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : parts[0],
            CgroupPermissions = parts.Length > 2 && parts[2].Length > 0 ? parts[2] : "rwm",
        };
    }
}
