using Reconciler.Core.Desired;

namespace Reconciler.Core.Planning;

public enum ObservedState
{
    Running,

    /// <summary>Created, exited, or paused: present but not running.</summary>
    Stopped,

    /// <summary>Restarting, removing, dead: the planner leaves it alone this pass unless it must go.</summary>
    Transitioning,
}

/// <summary>
/// A runtime object Reconciler manages, as observed (read back from its ownership labels).
/// <see cref="Fields"/> is the flattened spec recorded at creation, used to explain a recreate.
/// </summary>
public sealed record WorkspaceObservation(
    string Id,
    string Name,
    WorkspaceKey Key,
    string SpecHash,
    ObservedState State,
    string? Commit,
    DateTimeOffset Created,
    IReadOnlyDictionary<string, string>? Fields = null)
{
    /// <summary>True for a Docker Compose workspace (its other services are part of this observation's spec hash).</summary>
    public bool Compose { get; init; }

    /// <summary>Published ports as <c>hostIp:hostPort-&gt;containerPort/proto</c>, for status output.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>Host ports the container holds by port key (<c>8080/tcp</c>), from its label; kept by a recreate.</summary>
    public IReadOnlyDictionary<string, int> HostPorts { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, int>.Empty;
}
