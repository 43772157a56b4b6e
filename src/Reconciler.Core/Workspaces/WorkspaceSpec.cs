using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// One entry of <c>.daytona/workspace.yaml</c> after <c>defaults:</c> were merged in. Sizes are bytes,
/// durations are <see cref="TimeSpan"/>s. <see cref="Location"/> is where the entry starts.
/// </summary>
public sealed record WorkspaceSpec
{
    public required string Name { get; init; }

    /// <summary>Path of the devcontainer.json, relative to the repository root.</summary>
    public string Devcontainer { get; init; } = ".devcontainer/devcontainer.json";

    public DeploymentKind Deployment { get; init; } = DeploymentKind.DockerLocal;

    /// <summary>Name of a configured runtime endpoint; null means the default one.</summary>
    public string? Host { get; init; }

    public WorkspaceType Type { get; init; } = WorkspaceType.Ide;

    public string? Team { get; init; }

    public string? Owner { get; init; }

    public ResourceSpec Resources { get; init; } = new();

    public GpuSpec Gpu { get; init; } = new();

    public IReadOnlyList<StorageSpec> Storage { get; init; } = [];

    public IReadOnlyList<PortSpec> Ports { get; init; } = [];

    public AccessSpec Access { get; init; } = new();

    public LifecycleSpec Lifecycle { get; init; } = new();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Drift repair. When false, a container stopped or removed by hand is left as it is until a new commit
    /// is applied (Argo CD's <c>selfHeal: false</c>); changes from git are still converged.
    /// </summary>
    public bool SelfHeal { get; init; } = true;

    /// <summary><c>previews</c>: pull-request preview copies of this workspace (off by default).</summary>
    public PreviewSpec Previews { get; init; } = PreviewSpec.Off;

    /// <summary>
    /// <c>persistence</c>: with <see cref="WorkspacePersistence.Snapshot"/> the container is committed to the worker's
    /// snapshots registry when it is stopped, recreated or removed, and the next container starts from that image.
    /// Not part of the spec hash: which image a container started from is the runtime's business.
    /// </summary>
    public WorkspacePersistence Persistence { get; init; } = WorkspacePersistence.None;

    public SourceLocation? Location { get; init; }
}

/// <summary><c>persistence</c>: what of a container outlives it (docs/lifecycle.md, "Snapshots").</summary>
public enum WorkspacePersistence
{
    None,
    Snapshot,
}

public sealed record ResourceSpec(double? Cpu = null, long? MemoryBytes = null, long? DiskBytes = null);

/// <summary>
/// <c>gpu:</c>. <see cref="MemoryBytes"/> (a hint summed per GPU) and <see cref="Replicas"/> (most workspaces
/// on one GPU, this one included) apply to <see cref="GpuMode.Shared"/> only. See docs/gpu.md.
/// </summary>
public sealed record GpuSpec(
    GpuMode Mode = GpuMode.None,
    int Count = 0,
    string? Model = null,
    string? Profile = null,
    long? MemoryBytes = null,
    int? Replicas = null);

/// <summary>
/// One <c>storage:</c> entry (docs/storage.md). <see cref="Credentials"/> and <see cref="Endpoint"/> only name entries of
/// the worker configuration: secrets are never part of a workspace.
/// </summary>
public sealed record StorageSpec(
    string Name,
    StorageType Type,
    string MountPath,
    long? SizeBytes = null,
    string? Server = null,
    string? Path = null,
    bool ReadOnly = false)
{
    /// <summary><c>credentials</c>: a <c>storage.credentials</c> entry of the worker configuration (ceph).</summary>
    public string? Credentials { get; init; }

    /// <summary><c>endpoint</c>: a <c>storage.s3</c> entry of the worker configuration (s3).</summary>
    public string? Endpoint { get; init; }

    public string? Bucket { get; init; }

    /// <summary>Key prefix of an s3 volume; "" is the whole bucket.</summary>
    public string Prefix { get; init; } = "";

    /// <summary><c>sync</c> as written (null: not written, which is <see cref="StorageSync.Download"/>).</summary>
    public StorageSync? Sync { get; init; }

    /// <summary>An s3 volume that is uploaded on stop: <c>sync: two-way</c> and not read-only.</summary>
    public bool UploadsOnStop => Type == StorageType.S3 && Sync == StorageSync.TwoWay && !ReadOnly;

    /// <summary><c>claim</c>: an existing PersistentVolumeClaim (Kubernetes).</summary>
    public string? Claim { get; init; }

    public string? StorageClass { get; init; }
}

/// <summary>How an s3 volume follows its bucket: filled when created, and with <see cref="TwoWay"/> written back on stop.</summary>
public enum StorageSync
{
    Download,
    TwoWay,
}

public sealed record PortSpec(int Port, string? Name = null, PortExposure Expose = PortExposure.Internal);

public sealed record AccessSpec(bool Ssh = false, bool Jupyter = false, bool Vnc = false, bool Rdp = false, bool Jumpserver = false);

/// <summary>
/// When a workspace runs (docs/lifecycle.md). <see cref="KeepVolumes"/>: an ephemeral workspace whose ttl expired
/// keeps its volumes instead of deleting them with the container.
/// </summary>
public sealed record LifecycleSpec(
    LifecyclePolicy Policy = LifecyclePolicy.Persistent,
    string? Timezone = null,
    string? Start = null,
    string? Stop = null,
    TimeSpan? IdleTimeout = null,
    TimeSpan? Ttl = null,
    bool KeepVolumes = false);

/// <summary>
/// <c>previews:</c> each open pull request gets <c>&lt;name&gt;-pr-&lt;number&gt;</c>, removed when the pull request
/// closes or merges, or <see cref="Ttl"/> after it was created. Not part of the container: changing it recreates nothing.
/// </summary>
public sealed record PreviewSpec(bool Enabled = false, TimeSpan? Ttl = null)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(3);

    public static PreviewSpec Off { get; } = new();

    public TimeSpan EffectiveTtl => Ttl ?? DefaultTtl;
}
