using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;

namespace Reconciler.Core.Compose;

/// <summary>
/// A compose workspace as the runtime converges it: the devcontainer's <see cref="Service"/> is the workspace container
/// (<see cref="DesiredWorkspace.Container"/>, with the service's settings merged in; <see cref="Primary"/> keeps the rest),
/// the other selected services are <see cref="Sidecars"/> in start order. Each service has its own hash, so a change
/// recreates only that service; <see cref="DesiredWorkspace.SpecHash"/> is <see cref="ComposeHash.Combine"/> of them.
/// </summary>
public sealed record ComposeWorkspace
{
    public required string Service { get; init; }

    public required ComposeService Primary { get; init; }

    /// <summary>Hash of the workspace container alone (what a non-compose workspace's spec hash is).</summary>
    public required string PrimaryHash { get; init; }

    public required IReadOnlyList<ComposeSidecar> Sidecars { get; init; }

    /// <summary>All selected services, dependencies first (the primary included).</summary>
    public required IReadOnlyList<string> StartOrder { get; init; }

    /// <summary>Engine names of the project's networks (the primary's first network is its network mode).</summary>
    public required IReadOnlyList<string> Networks { get; init; }

    /// <summary>Engine names of the workspace container's networks: the first is its network mode, the others are connected after create.</summary>
    public IReadOnlyList<string> PrimaryNetworks { get; init; } = [];

    /// <summary><c>stopCompose</c> (default) or <c>none</c>/<c>stopContainer</c>, as devcontainer.json says.</summary>
    public string ShutdownAction { get; init; } = "stopCompose";
}

/// <summary>A compose service other than the workspace's: its image (pulled, or the tag of its build), its engine-level settings and hash.</summary>
public sealed record ComposeSidecar(ComposeService Service, string ContainerName, string Image, IReadOnlyList<MountRequest> Mounts, string? NetworkMode, IReadOnlyList<string> Networks, string Hash);

/// <summary>Engine names of compose objects: the workspace's base name, '_' and the compose name ('_' never occurs in base names).</summary>
public static class ComposeNames
{
    public static string Container(WorkspaceKey key, string service) => WorkspaceNames.Base(key) + "_" + service;

    public static string Network(WorkspaceKey key, string network) => WorkspaceNames.Base(key) + "_" + network;

    public static string Volume(WorkspaceKey key, string volume) => WorkspaceNames.Base(key) + "_" + volume;
}

/// <summary>The workspace spec hash of a compose project, computed the same way from desired state and from container labels.</summary>
public static class ComposeHash
{
    public static string Combine(string primaryHash, IEnumerable<KeyValuePair<string, string>> sidecarHashes)
    {
        var text = new StringBuilder("compose/1\n").Append(primaryHash).Append('\n');
        foreach (var (name, hash) in sidecarHashes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(hash).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
