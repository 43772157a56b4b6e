using Newtonsoft.Json.Linq;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// A devcontainer.json after variable substitution. Field names follow the devcontainer spec.
/// Fields Reconciler does not act on everywhere yet (features; compose outside docker_local) are recorded so the compiler can
/// report them as "not supported yet" instead of ignoring them.
/// </summary>
public sealed record DevcontainerConfig
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public BuildSpec? Build { get; init; }

    /// <summary>Feature id → options (verbatim JSON). Installing features is a later issue.</summary>
    public IReadOnlyDictionary<string, JToken> Features { get; init; } = new Dictionary<string, JToken>();

    public ComposeSpec? Compose { get; init; }

    public IReadOnlyDictionary<string, string> ContainerEnv { get; init; } = new Dictionary<string, string>();

    /// <summary>remoteEnv: a null value unsets the variable for tool processes.</summary>
    public IReadOnlyDictionary<string, string?> RemoteEnv { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<ForwardPort> ForwardPorts { get; init; } = [];

    /// <summary>appPort entries: a number publishes the same port; a string is a docker <c>-p</c> spec.</summary>
    public IReadOnlyList<string> AppPort { get; init; } = [];

    public JObject? PortsAttributes { get; init; }

    public IReadOnlyList<MountSpec> Mounts { get; init; } = [];

    public string? WorkspaceFolder { get; init; }

    public MountSpec? WorkspaceMount { get; init; }

    /// <summary>runArgs as written, and parsed into known docker run flags.</summary>
    public IReadOnlyList<string> RunArgs { get; init; } = [];

    public DockerRunOptions RunOptions { get; init; } = new();

    public bool? Privileged { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    public bool? Init { get; init; }

    public bool? OverrideCommand { get; init; }

    public string? ShutdownAction { get; init; }

    public string? ContainerUser { get; init; }

    public string? RemoteUser { get; init; }

    public bool? UpdateRemoteUserUid { get; init; }

    public HostRequirements? HostRequirements { get; init; }

    public LifecycleCommand? InitializeCommand { get; init; }

    public LifecycleCommand? OnCreateCommand { get; init; }

    public LifecycleCommand? UpdateContentCommand { get; init; }

    public LifecycleCommand? PostCreateCommand { get; init; }

    public LifecycleCommand? PostStartCommand { get; init; }

    public LifecycleCommand? PostAttachCommand { get; init; }

    public string? WaitFor { get; init; }

    /// <summary>customizations, kept verbatim.</summary>
    public JObject? Customizations { get; init; }

    /// <summary>Every <c>${localEnv:NAME}</c> written, allowed or not, with the pointer of the string that holds it.</summary>
    public IReadOnlyList<LocalEnvReference> LocalEnvReferences { get; init; } = [];

    /// <summary>The substituted document and its source map (for policies and locations).</summary>
    public required LocatedDocument Document { get; init; }
}

/// <summary>A <c>${localEnv:NAME}</c> (or legacy <c>${env:NAME}</c>) reference and the pointer of the string value holding it.</summary>
public sealed record LocalEnvReference(string Name, string Pointer);

/// <summary>build: paths are relative to the devcontainer.json's folder as written; <see cref="DevcontainerConfig"/> consumers resolve them.</summary>
public sealed record BuildSpec(
    string Dockerfile,
    string? Context,
    IReadOnlyDictionary<string, string> Args,
    string? Target,
    IReadOnlyList<string> CacheFrom);

public sealed record ComposeSpec(IReadOnlyList<string> Files, string? Service, IReadOnlyList<string> RunServices);

/// <summary>A forwardPorts entry: a port number, or "host:port" for another container.</summary>
public sealed record ForwardPort(int Port, string? Host = null);

/// <summary>A mount in Docker's <c>--mount</c> shape: <c>type=volume,source=x,target=/y</c>.</summary>
public sealed record MountSpec(string Type, string? Source, string Target, bool ReadOnly = false, string? Raw = null);

public sealed record HostRequirements(int? Cpus, long? MemoryBytes, long? StorageBytes, GpuRequirement? Gpu);

/// <summary>hostRequirements.gpu: <c>true</c>, <c>"optional"</c> or <c>{ cores, memory }</c>.</summary>
public sealed record GpuRequirement(bool Required, int? Cores = null, long? MemoryBytes = null);
