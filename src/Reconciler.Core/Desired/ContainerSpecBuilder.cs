using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>
/// Merges workspace.yaml and devcontainer.json (including parsed runArgs) into one container spec.
/// Precedence follows <c>devcontainer up</c>: runArgs come last, so they win over containerEnv and friends;
/// resource requests take the larger of <c>resources</c>, <c>hostRequirements</c> and runArgs.
/// </summary>
internal static class ContainerSpecBuilder
{
    private const string LocalOnly = "127.0.0.1";
    private const string AllInterfaces = "0.0.0.0";

    /// <summary>The port Jupyter listens on in the container for <c>access.jupyter</c>.</summary>
    public const int JupyterPort = 8888;

    /// <summary>The port the workspace's SSH server listens on for <c>access.ssh</c>.</summary>
    public const int SshPort = 22;

    /// <summary>The port the desktop's VNC server listens on for <c>access.vnc</c> (display :0).</summary>
    public const int VncPort = 5900;

    /// <summary>The port the desktop's RDP server listens on for <c>access.rdp</c>.</summary>
    public const int RdpPort = 3389;

    public static ContainerSpec Build(WorkspaceKey key, WorkspaceSpec spec, DevcontainerConfig config, string? defaultWorkspaceFolder, DiagnosticBag diagnostics)
    {
        var run = config.RunOptions;
        var basename = key.Repository.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? spec.Name;
        var workspaceFolder = config.WorkspaceFolder ?? config.WorkspaceMount?.Target ?? defaultWorkspaceFolder ?? "/workspaces/" + basename;
        var volume = WorkspaceNames.WorkspaceVolume(key);

        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Merge(env, config.ContainerEnv);
        Merge(env, run.Env);

        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Labels.Concat(run.Labels))
        {
            if (name.StartsWith("dev.reconciler.", StringComparison.Ordinal))
            {
                diagnostics.Warning(DiagnosticCodes.InvalidValue, $"label '{name}' is reserved for Reconciler's ownership labels and was dropped", spec.Location);
                continue;
            }

            labels[name] = value;
        }

        var cpus = Max(spec.Resources.Cpu, (double?)config.HostRequirements?.Cpus, run.Cpus);
        var memory = Max(spec.Resources.MemoryBytes, config.HostRequirements?.MemoryBytes, run.MemoryBytes);
        var disk = Max(spec.Resources.DiskBytes, config.HostRequirements?.StorageBytes);

        return new ContainerSpec
        {
            Env = env,
            RemoteEnv = new SortedDictionary<string, string?>(config.RemoteEnv.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            Labels = labels,
            NanoCpus = cpus is { } c ? (long)Math.Round(c * 1_000_000_000d) : null,
            MemoryBytes = memory,
            MemorySwapBytes = run.MemorySwapBytes,
            ShmSizeBytes = run.ShmSizeBytes,
            DiskBytes = disk,
            Ports = Ports(spec, config, diagnostics),
            Mounts = Mounts(key, spec, config, workspaceFolder, volume),
            WorkspaceFolder = workspaceFolder,
            WorkspaceVolume = volume,
            ContainerUser = config.ContainerUser ?? run.User,
            RemoteUser = config.RemoteUser,
            Init = config.Init ?? run.Init,
            Privileged = (config.Privileged ?? false) || run.Privileged,
            CapAdd = Union(config.CapAdd, run.CapAdd),
            CapDrop = Union(run.CapDrop),
            SecurityOpt = Union(config.SecurityOpt, run.SecurityOpt),
            Devices = Union(run.Devices),
            NetworkMode = run.Network,
            IpcMode = run.Ipc,
            PidMode = run.Pid,
            UsernsMode = run.Userns,
            Hostname = run.Hostname,
            ExtraHosts = Union(run.AddHosts),
            Ulimits = Ulimits(run.Ulimits),
            OverrideCommand = config.OverrideCommand ?? true,
        };
    }

    private static IReadOnlyList<PortBinding> Ports(WorkspaceSpec spec, DevcontainerConfig config, DiagnosticBag diagnostics)
    {
        var byContainerPort = new SortedDictionary<string, PortBinding>(StringComparer.Ordinal);
        void Add(PortBinding binding) => byContainerPort[$"{binding.ContainerPort:D5}/{binding.Protocol}"] = binding;

        foreach (var port in config.ForwardPorts.Where(p => p.Host is null))
        {
            Add(new PortBinding(port.Port, null, "tcp", LocalOnly));
        }

        // access.jupyter publishes Jupyter's port (127.0.0.1 unless ports[] lists 8888 with expose: public) on an allocated host port.
        if (spec.Access.Jupyter)
        {
            Add(new PortBinding(JupyterPort, null, "tcp", LocalOnly));
        }

        // access.ssh publishes sshd (key logins only) on every interface: SSH is the way in from another machine.
        // VNC and RDP authenticate with a password, so they stay on 127.0.0.1 (an SSH tunnel) unless ports[] says public.
        if (spec.Access.Ssh)
        {
            Add(new PortBinding(SshPort, null, "tcp", AllInterfaces));
        }

        if (spec.Access.Vnc)
        {
            Add(new PortBinding(VncPort, null, "tcp", LocalOnly));
        }

        if (spec.Access.Rdp)
        {
            Add(new PortBinding(RdpPort, null, "tcp", LocalOnly));
        }

        foreach (var port in spec.Ports)
        {
            Add(new PortBinding(port.Port, null, "tcp", port.Expose == PortExposure.Public ? AllInterfaces : LocalOnly));
        }

        foreach (var text in config.AppPort.Concat(config.RunOptions.Publish))
        {
            var spec1 = text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal) ? text : $"{text}:{text}";
            if (PublishSpec.Parse(spec1, LocalOnly) is { } binding)
            {
                Add(binding);
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"port '{text}' is not a valid [ip:][hostPort:]containerPort[/proto]", config.Document.Map.Locate(""));
            }
        }

        return byContainerPort.Values.ToList();
    }

    private static IReadOnlyList<MountRequest> Mounts(WorkspaceKey key, WorkspaceSpec spec, DevcontainerConfig config, string workspaceFolder, string volume)
    {
        var byTarget = new Dictionary<string, MountRequest>(StringComparer.Ordinal);
        var order = new List<string>();
        void Add(MountRequest mount)
        {
            if (!byTarget.ContainsKey(mount.Target))
            {
                order.Add(mount.Target);
            }

            byTarget[mount.Target] = mount;
        }

        // nfs, ceph and s3 are named volumes on Docker too (local driver options, or filled from the bucket); Kubernetes
        // renders those entries itself.
        var docker = spec.Deployment == DeploymentKind.DockerLocal;
        foreach (var storage in spec.Storage.Where(s => s.Type == StorageType.Local || (docker && s.Type is StorageType.Nfs or StorageType.Ceph or StorageType.S3)))
        {
            Add(new MountRequest(MountKind.Volume, WorkspaceNames.StorageVolume(key, storage.Name), storage.MountPath, storage.ReadOnly));
        }

        foreach (var mount in config.Mounts.Concat(config.RunOptions.Mounts))
        {
            var kind = mount.Type switch
            {
                "bind" => MountKind.Bind,
                "tmpfs" => MountKind.Tmpfs,
                _ => MountKind.Volume,
            };
            Add(new MountRequest(kind, mount.Source, mount.Target, mount.ReadOnly));
        }

        // The workspace folder always lives in Reconciler's named volume (never a bind of the worker's checkout), first.
        byTarget.Remove(workspaceFolder);
        order.Remove(workspaceFolder);
        var result = new List<MountRequest> { new(MountKind.Volume, volume, workspaceFolder) };
        result.AddRange(order.Select(t => byTarget[t]));
        return result;
    }

    private static IReadOnlyList<UlimitSpec> Ulimits(IReadOnlyList<string> specs)
    {
        var result = new List<UlimitSpec>();
        foreach (var text in specs)
        {
            var parts = text.Split('=', 2);
            if (parts.Length != 2)
            {
                continue;
            }

            var values = parts[1].Split(':');
            if (long.TryParse(values[0], System.Globalization.CultureInfo.InvariantCulture, out var soft))
            {
                var hard = values.Length > 1 && long.TryParse(values[1], System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : soft;
                result.Add(new UlimitSpec(parts[0], soft, hard));
            }
        }

        return result;
    }

    private static void Merge(SortedDictionary<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (name, value) in source)
        {
            target[name] = value;
        }
    }

    private static IReadOnlyList<string> Union(params IReadOnlyList<string>[] lists)
        => lists.SelectMany(l => l).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The largest declared value; null when none is declared.</summary>
    private static T? Max<T>(params T?[] values)
        where T : struct, IComparable<T>
    {
        T? max = null;
        foreach (var value in values)
        {
            if (value is { } v && (max is null || v.CompareTo(max.Value) > 0))
            {
                max = v;
            }
        }

        return max;
    }
}
