using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>Identity of a workspace: repository identity and workspace name.</summary>
public sealed record WorkspaceKey(string Repository, string Workspace)
{
    public override string ToString() => $"{Repository}/{Workspace}";
}

public enum PowerState
{
    Running,
    Stopped,
}

/// <summary>
/// What one workspace should be, runtime-neutral, compiled from workspace.yaml + devcontainer.json.
/// Everything that affects the runtime object is covered by <see cref="SpecHash"/>; the commit is not
/// (a new commit that changes nothing relevant must not recreate anything).
/// </summary>
public sealed record DesiredWorkspace
{
    public required WorkspaceKey Key { get; init; }

    public required string Commit { get; init; }

    public required WorkspaceSpec Spec { get; init; }

    public DeploymentKind Deployment => Spec.Deployment;

    /// <summary>Image to run; when <see cref="Build"/> is set this is the tag the build produces.</summary>
    public required string Image { get; init; }

    public ResolvedBuild? Build { get; init; }

    /// <summary>Set for a Docker Compose workspace: the other services and per-service hashes (<see cref="Compose.ComposeWorkspace"/>).</summary>
    public Compose.ComposeWorkspace? Compose { get; init; }

    public required ContainerSpec Container { get; init; }

    public required LifecycleCommands Commands { get; init; }

    /// <summary>
    /// Running or stopped, as the lifecycle says at this pass (<see cref="Lifecycle.PowerResolver"/>); the compiler leaves it
    /// Running. Not part of <see cref="SpecHash"/>: a power change starts or stops, it never recreates. An expired
    /// ephemeral workspace is Stopped here and <see cref="Lifecycle.PowerDecision.State"/> Deleted in <see cref="PowerDecision"/>.
    /// </summary>
    public PowerState Power { get; init; } = PowerState.Running;

    /// <summary>
    /// The GPU request (workspace.yaml <c>gpu:</c> or devcontainer <c>hostRequirements.gpu</c>) and, once the pass
    /// allocated, the assignment or the reason it is pending. Null when the workspace asks for no GPU.
    /// </summary>
    public Reconciler.Core.Gpu.Placement.WorkspaceGpu? Gpu { get; init; }

    /// <summary>Why <see cref="Power"/> is what it is and when it next changes; null until the power resolver ran.</summary>
    public Lifecycle.PowerDecision? PowerDecision { get; init; }

    /// <summary>True when the lifecycle says this workspace is gone for good (ephemeral ttl expired): the planner removes it.</summary>
    public bool Expired => PowerDecision?.State == Lifecycle.DesiredPower.Deleted;

    /// <summary>Capabilities the workspace needs that Reconciler does not implement yet. Non-empty means: do not apply.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>Enforced policy violations (<c>policy-name: message</c>). Non-empty means: do not create or change it.</summary>
    public IReadOnlyList<string> PolicyViolations { get; init; } = [];

    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Flattened spec (path → canonical value) used for the hash and for diff reasons.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>devcontainer.json <c>features</c>, for the runtime's image step to install on top of <see cref="Image"/>; null when there are none.</summary>
    public Features.FeatureRequest? Features { get; init; }

    public required string SpecHash { get; init; }
}

/// <summary>A Dockerfile build with paths resolved relative to the repository root and confined to it.</summary>
public sealed record ResolvedBuild(
    string ContextPath,
    string DockerfilePath,
    IReadOnlyDictionary<string, string> Args,
    string? Target,
    IReadOnlyList<string> CacheFrom)
{
    /// <summary>
    /// <see cref="Builds.BuildContextHasher"/>'s key over the context files, Dockerfile, target and args; set by the loader.
    /// It names the image, so the same key is never built twice and a changed context file builds (and recreates) again.
    /// </summary>
    public string? ContextHash { get; init; }
}

/// <summary>The container (or pod container) to run.</summary>
public sealed record ContainerSpec
{
    public IReadOnlyDictionary<string, string> Env { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string?> RemoteEnv { get; init; } = new SortedDictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>User labels (workspace.yaml <c>labels</c> and runArgs <c>--label</c>); ownership labels are added by the adapter.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public long? NanoCpus { get; init; }

    public long? MemoryBytes { get; init; }

    public long? MemorySwapBytes { get; init; }

    public long? ShmSizeBytes { get; init; }

    public long? DiskBytes { get; init; }

    public IReadOnlyList<PortBinding> Ports { get; init; } = [];

    /// <summary>All mounts, the workspace volume first.</summary>
    public IReadOnlyList<MountRequest> Mounts { get; init; } = [];

    public required string WorkspaceFolder { get; init; }

    /// <summary>Name of the named volume that holds the workspace folder.</summary>
    public required string WorkspaceVolume { get; init; }

    public string? ContainerUser { get; init; }

    public string? RemoteUser { get; init; }

    public bool Init { get; init; }

    public bool Privileged { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public IReadOnlyList<string> SecurityOpt { get; init; } = [];

    public IReadOnlyList<string> Devices { get; init; } = [];

    public string? NetworkMode { get; init; }

    public string? IpcMode { get; init; }

    public string? PidMode { get; init; }

    public string? UsernsMode { get; init; }

    public string? Hostname { get; init; }

    public IReadOnlyList<string> ExtraHosts { get; init; } = [];

    public IReadOnlyList<UlimitSpec> Ulimits { get; init; } = [];

    /// <summary>
    /// Entrypoints of Features and image metadata (<c>entrypoint</c>), run in order by the keep-alive script before it waits,
    /// as @devcontainers/cli does. Filled by the runtime's image step (<see cref="Features.ImageMetadataApplier"/>).
    /// </summary>
    public IReadOnlyList<string> Entrypoints { get; init; } = [];

    /// <summary>Keep the container alive with a wait loop instead of the image's command (devcontainer default for images and Dockerfiles).</summary>
    public bool OverrideCommand { get; init; } = true;
}

public sealed record PortBinding(int ContainerPort, int? HostPort, string Protocol = "tcp", string? HostIp = null);

public enum MountKind
{
    Volume,
    Bind,
    Tmpfs,
}

public sealed record MountRequest(MountKind Kind, string? Source, string Target, bool ReadOnly = false);

public sealed record UlimitSpec(string Name, long Soft, long Hard);

/// <summary>Lifecycle commands in devcontainer order; null when not declared.</summary>
public sealed record LifecycleCommands(
    LifecycleCommand? OnCreate = null,
    LifecycleCommand? UpdateContent = null,
    LifecycleCommand? PostCreate = null,
    LifecycleCommand? PostStart = null)
{
    /// <summary>Commands of Features and image metadata, each run before devcontainer.json's command of the same phase (filled by the runtime's image step).</summary>
    public IReadOnlyList<Features.ImageLifecycleCommand> FromImage { get; init; } = [];
}
