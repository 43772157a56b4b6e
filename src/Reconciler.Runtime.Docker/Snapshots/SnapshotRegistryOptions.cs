using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// The registry of workspace snapshots and published images (worker configuration <c>snapshots:</c>). The password is
/// read when used (<see cref="Password"/>), so a rotated secret needs no restart; it is never logged.
/// </summary>
public sealed class SnapshotRegistryOptions
{
    /// <summary>Registry URL, e.g. <c>http://127.0.0.1:5000</c>: its scheme is how the registry API is called.</summary>
    public required Uri Registry { get; init; }

    /// <summary>Repository path under the registry. Default: <c>reconciler</c>.</summary>
    public string Prefix { get; init; } = "reconciler";

    /// <summary>Snapshots kept per workspace; older ones are deleted after each new snapshot. Default: 3.</summary>
    public int Retain { get; init; } = 3;

    /// <summary>
    /// Layers an image may have before a commit is flattened to one layer (overlay2 refuses more than 125). Default: 100.
    /// </summary>
    public int MaxLayers { get; init; } = DefaultMaxLayers;

    public const int DefaultMaxLayers = 100;

    /// <summary>Basic-authentication user; null: anonymous.</summary>
    public string? User { get; init; }

    /// <summary>Reads the password (null: none or unreadable).</summary>
    public Func<string?>? Password { get; init; }

    /// <summary>Tags that start with this are snapshots, pruned by retention; published tags must not.</summary>
    public const string SnapshotTagPrefix = "snap-";

    /// <summary><c>host[:port]</c> as image references name the registry.</summary>
    public string Host => Registry.IsDefaultPort ? Registry.Host : $"{Registry.Host}:{Registry.Port}";

    /// <summary>Repository path (without the host) of a workspace's snapshots: <c>prefix/&lt;repository hash&gt;/&lt;workspace&gt;</c>.</summary>
    public string SnapshotPath(WorkspaceKey key) => $"{Prefix}/{RepositoryHash(key.Repository)}/{key.Workspace}";

    /// <summary>First 12 hex digits of SHA-256 of the repository identity: stable, and a valid path component for any identity.</summary>
    public static string RepositoryHash(string repository)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..12];
}
