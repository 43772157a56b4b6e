using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;

namespace Reconciler.Core.Configuration;

/// <summary>Where one Docker host's GPU inventory comes from (<c>runtimes.docker.NAME.gpus</c> / <c>gpuInventory</c>).</summary>
public enum GpuInventorySourceKind
{
    /// <summary><c>gpus:</c> lists the GPUs in the file.</summary>
    Declared,

    /// <summary><c>gpuInventory.command</c>: a command whose output is nvidia-smi's.</summary>
    Command,

    /// <summary><c>gpuInventory.docker</c>: nvidia-smi in a short-lived container on the host itself.</summary>
    Docker,
}

/// <summary>
/// One host's GPU inventory source. <see cref="Declared"/> is set for <see cref="GpuInventorySourceKind.Declared"/>,
/// <see cref="Command"/> for a command, <see cref="Image"/> for the Docker probe. <see cref="RefreshInterval"/> is how
/// long a discovered inventory is cached.
/// </summary>
public sealed record GpuInventoryConfig
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    public required GpuInventorySourceKind Kind { get; init; }

    public DeclaredGpuInventory? Declared { get; init; }

    public IReadOnlyList<string> Command { get; init; } = [];

    public string? Image { get; init; }

    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>Where the source is written, for errors reading the inventory.</summary>
    public SourceLocation? Location { get; init; }
}

/// <summary>The top-level <c>gpu</c> section: allocation settings.</summary>
public sealed record GpuSettingsConfig
{
    public static readonly TimeSpan DefaultPendingRecheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>Most workspaces on one shared GPU when a request names no <c>replicas</c>. Default 4.</summary>
    public int DefaultSharedReplicas { get; init; } = 4;

    /// <summary>A repository with a workspace waiting for GPUs is reconciled again after at most this long. Default 30s.</summary>
    public TimeSpan PendingRecheckInterval { get; init; } = DefaultPendingRecheckInterval;

    /// <summary>
    /// A workspace stopped by its schedule keeps its GPUs reserved when its next start is at most this far away.
    /// Default zero: a stopped workspace releases its GPUs at once.
    /// </summary>
    public TimeSpan ReserveBeforeStart { get; init; } = TimeSpan.Zero;
}
