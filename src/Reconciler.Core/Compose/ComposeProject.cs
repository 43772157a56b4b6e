using Reconciler.Core.Desired;

namespace Reconciler.Core.Compose;

/// <summary>
/// The supported part of one or more merged compose files (docs/compose.md): the services in start order
/// (<c>depends_on</c> first), and the networks and named volumes they use, by their compose names.
/// </summary>
public sealed record ComposeProject(IReadOnlyList<ComposeService> Services, IReadOnlyList<string> Networks, IReadOnlyList<string> Volumes)
{
    /// <summary>Source of a bind mount of the repository's root folder: the workspace volume, seeded from the commit.</summary>
    public const string RepositorySource = "${repository}";

    /// <summary>Source of a bind mount of the repository's parent folder: the workspace volume at <c>target/&lt;repository folder name&gt;</c>.</summary>
    public const string RepositoryParentSource = "${repository}/..";

    public ComposeService? Find(string name) => Services.FirstOrDefault(s => s.Name == name);
}

/// <summary>One compose service. Volume mounts name compose volumes (<see cref="ComposeProject.Volumes"/>) until the compiler resolves them.</summary>
public sealed record ComposeService
{
    public required string Name { get; init; }

    public string? Image { get; init; }

    public ResolvedBuild? Build { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<MountRequest> Mounts { get; init; } = [];

    /// <summary>Compose network names (default: <c>default</c>); empty with <see cref="NetworkMode"/>.</summary>
    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary><c>none</c> or <c>service:NAME</c>; null means the networks.</summary>
    public string? NetworkMode { get; init; }

    public IReadOnlyList<ComposeDependency> DependsOn { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public string? Restart { get; init; }

    public bool Init { get; init; }

    public bool Privileged { get; init; }

    public bool Tty { get; init; }

    public bool StdinOpen { get; init; }

    public string? Hostname { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<PortBinding> Ports { get; init; } = [];

    public ComposeHealthcheck? Healthcheck { get; init; }
}

/// <param name="Healthy">True for <c>condition: service_healthy</c>: wait for the dependency's healthcheck, not just its start.</param>
public sealed record ComposeDependency(string Service, bool Healthy);

/// <summary>A healthcheck; durations in nanoseconds as the engine takes them, null when unset.</summary>
public sealed record ComposeHealthcheck(IReadOnlyList<string> Test, long? IntervalNs, long? TimeoutNs, long? RetriesCount, long? StartPeriodNs);
