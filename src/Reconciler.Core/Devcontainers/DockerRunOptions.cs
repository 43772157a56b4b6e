namespace Reconciler.Core.Devcontainers;

/// <summary>
/// devcontainer.json <c>runArgs</c> parsed into the docker run flags Reconciler understands.
/// Nothing is ever passed to the engine unparsed: an unknown flag is an error at parse time.
/// </summary>
public sealed record DockerRunOptions
{
    public double? Cpus { get; init; }

    public long? MemoryBytes { get; init; }

    public long? MemorySwapBytes { get; init; }

    public long? ShmSizeBytes { get; init; }

    /// <summary>--gpus value as written (e.g. <c>all</c>, <c>2</c>, <c>"device=0,1"</c>).</summary>
    public string? Gpus { get; init; }

    public IReadOnlyList<string> Devices { get; init; } = [];

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    public string? Network { get; init; }

    public string? Ipc { get; init; }

    public string? Pid { get; init; }

    public string? Userns { get; init; }

    /// <summary>--platform (e.g. <c>linux/arm64</c>): the image platform to pull and run.</summary>
    public string? Platform { get; init; }

    public bool Privileged { get; init; }

    public bool Init { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>-p/--publish specs as written (<c>[ip:][hostPort:]containerPort[/proto]</c>).</summary>
    public IReadOnlyList<string> Publish { get; init; } = [];

    /// <summary>-v/--volume and --mount, normalised to mounts.</summary>
    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? Hostname { get; init; }

    public string? User { get; init; }

    public string? Workdir { get; init; }

    public IReadOnlyList<string> AddHosts { get; init; } = [];

    /// <summary>--ulimit name=soft[:hard].</summary>
    public IReadOnlyList<string> Ulimits { get; init; } = [];

    /// <summary>--name is recorded but Reconciler names containers itself (warning).</summary>
    public string? Name { get; init; }
}
