using System.Globalization;
using Reconciler.Core.Compose;
using Reconciler.Core.Devcontainers;

namespace Reconciler.Core.Desired;

/// <summary>
/// Compiles a compose workspace: the devcontainer applies to its <c>service</c> (containerEnv and labels over the
/// service's, its mounts and ports added, its user and lifecycle commands), the other selected services become sidecars
/// with engine names and hashes of their own. <c>overrideCommand</c> defaults to false here, as in the devcontainer spec.
/// </summary>
internal static class ComposeCompiler
{
    /// <summary>The devcontainer as it applies to a compose service: the repository mount's target is the default workspace folder.</summary>
    public static DevcontainerConfig Adjust(DevcontainerConfig config, ComposeService primary, string repositoryFolder) => config with
    {
        WorkspaceFolder = config.WorkspaceFolder ?? RepositoryTargets(primary.Mounts, repositoryFolder).FirstOrDefault(),
        OverrideCommand = config.OverrideCommand ?? false,
    };

    /// <summary>Service mounts with the repository mounts made concrete: the repository's parent mounted at T puts the repository at T/&lt;folder&gt;.</summary>
    public static ComposeService WithRepositoryMounts(ComposeService service, string repositoryFolder) => service with
    {
        Mounts = [.. service.Mounts.Select(m => m.Source == ComposeProject.RepositoryParentSource
            ? m with { Source = ComposeProject.RepositorySource, Target = m.Target.TrimEnd('/') + "/" + repositoryFolder }
            : m)],
    };

    private static IEnumerable<string> RepositoryTargets(IReadOnlyList<MountRequest> mounts, string repositoryFolder)
        => WithRepositoryMounts(new ComposeService { Name = "", Mounts = mounts }, repositoryFolder).Mounts
            .Where(m => m.Source == ComposeProject.RepositorySource).Select(m => m.Target);

    public static string Image(WorkspaceKey key, ComposeService service)
        => service.Build is { ContextHash: { Length: > 0 } hash }
            ? $"reconciler-build/{WorkspaceNames.Base(key)}_{(WorkspaceNames.Slug(service.Name) is { Length: > 0 } slug ? slug : "service")}:{hash[..32]}" // image names are lower case
            : service.Image ?? "";

    public static ContainerSpec Merge(WorkspaceKey key, ContainerSpec container, ComposeService primary)
    {
        var env = new SortedDictionary<string, string>(primary.Environment.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in container.Env)
        {
            env[name] = value;
        }

        var labels = new SortedDictionary<string, string>(primary.Labels.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in container.Labels)
        {
            labels[name] = value;
        }

        var mounts = container.Mounts.ToList();
        foreach (var mount in Resolve(key, primary.Mounts, container.WorkspaceVolume).Where(m => mounts.All(e => e.Target != m.Target)))
        {
            mounts.Add(mount);
        }

        var (networkMode, _) = Networking(key, primary);
        return container with
        {
            Env = env,
            Labels = labels,
            Mounts = mounts,
            Ports = [.. primary.Ports, .. container.Ports.Where(p => primary.Ports.All(q => q.ContainerPort != p.ContainerPort || q.Protocol != p.Protocol))],
            ContainerUser = container.ContainerUser ?? primary.User,
            Init = container.Init || primary.Init,
            Privileged = container.Privileged || primary.Privileged,
            CapAdd = [.. container.CapAdd.Union(primary.CapAdd, StringComparer.Ordinal)],
            Hostname = container.Hostname ?? primary.Hostname,
            NetworkMode = container.NetworkMode ?? networkMode,
        };
    }

    public static ComposeWorkspace Workspace(WorkspaceKey key, ComposeProject project, ComposeService primary, string primaryHash, string? shutdownAction)
    {
        var sidecars = project.Services.Where(s => s.Name != primary.Name).Select(s =>
        {
            var image = Image(key, s);
            var mounts = Resolve(key, s.Mounts, null);
            var (mode, networks) = Networking(key, s);
            var fields = Fields(s, image, mounts, mode, networks);
            return new ComposeSidecar(s, ComposeNames.Container(key, s.Name), image, mounts, mode, networks, SpecFields.Hash(fields));
        }).ToList();
        return new ComposeWorkspace
        {
            Service = primary.Name,
            Primary = primary,
            PrimaryHash = primaryHash,
            Sidecars = sidecars,
            StartOrder = [.. project.Services.Select(s => s.Name)],
            Networks = [.. project.Services.SelectMany(s => Networking(key, s).Networks).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            PrimaryNetworks = Networking(key, primary).Networks,
            ShutdownAction = shutdownAction ?? "stopCompose",
        };
    }

    /// <summary>What the workspace container takes from its service beyond <see cref="ContainerSpec"/>: part of its hash.</summary>
    public static void AddPrimaryFields(SpecFields f, WorkspaceKey key, ComposeService primary)
    {
        f.Add("compose.service", primary.Name);
        AddCommon(f, primary, Networking(key, primary).Networks);
    }

    /// <summary>The engine network mode and networks of a service: its first network is the mode, the rest are connected after create.</summary>
    public static (string? Mode, IReadOnlyList<string> Networks) Networking(WorkspaceKey key, ComposeService service) => service.NetworkMode switch
    {
        "none" => ("none", []),
        { } mode when mode.StartsWith("service:", StringComparison.Ordinal) => ("container:" + ComposeNames.Container(key, mode[8..]), []),
        _ => (ComposeNames.Network(key, service.Networks[0]), [.. service.Networks.Select(n => ComposeNames.Network(key, n))]),
    };

    private static IReadOnlyList<MountRequest> Resolve(WorkspaceKey key, IReadOnlyList<MountRequest> mounts, string? workspaceVolume)
        => [.. mounts.Select(m => m switch
        {
            { Source: ComposeProject.RepositorySource } => m with { Kind = MountKind.Volume, Source = workspaceVolume ?? WorkspaceNames.WorkspaceVolume(key) },
            { Kind: MountKind.Volume } => m with { Source = ComposeNames.Volume(key, m.Source!) },
            _ => m,
        })];

    private static IReadOnlyDictionary<string, string> Fields(ComposeService s, string image, IReadOnlyList<MountRequest> mounts, string? mode, IReadOnlyList<string> networks)
    {
        var f = new SpecFields();
        f.Add("image", image);
        f.AddMap("environment", s.Environment);
        f.AddMap("labels", s.Labels);
        foreach (var mount in mounts)
        {
            f.Add($"mounts.{mount.Target}", $"{mount.Kind.ToString().ToLowerInvariant()}:{mount.Source}:{(mount.ReadOnly ? "ro" : "rw")}");
        }

        foreach (var port in s.Ports)
        {
            f.Add($"ports.{port.ContainerPort}/{port.Protocol}", $"{port.HostIp}:{port.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "auto"}");
        }

        f.Add("network", mode);
        f.Add("workingDir", s.WorkingDir);
        f.Add("user", s.User);
        f.Add("init", s.Init);
        f.Add("privileged", s.Privileged);
        f.Add("hostname", s.Hostname);
        f.AddList("capAdd", s.CapAdd);
        AddCommon(f, s, networks);
        return f.ToDictionary();
    }

    private static void AddCommon(SpecFields f, ComposeService s, IReadOnlyList<string> networks)
    {
        f.Add("compose.command", s.Command is null ? null : string.Join('\u0001', s.Command));
        f.Add("compose.entrypoint", s.Entrypoint is null ? null : string.Join('\u0001', s.Entrypoint));
        f.Add("compose.restart", s.Restart);
        f.Add("compose.tty", s.Tty);
        f.Add("compose.stdinOpen", s.StdinOpen);
        f.AddList("compose.networks", networks);
        f.AddList("compose.dependsOn", s.DependsOn.Select(d => d.Service + (d.Healthy ? ":healthy" : "")));
        if (s.Healthcheck is { } h)
        {
            f.Add("compose.healthcheck", $"{string.Join('\u0001', h.Test)}|{h.IntervalNs}|{h.TimeoutNs}|{h.RetriesCount}|{h.StartPeriodNs}");
        }
    }
}
