namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>snapshots</c>: the registry that <c>persistence: snapshot</c> workspaces are committed to and started from, and that
/// <c>reconciler publish</c> pushes to (docs/lifecycle.md). The password is a reference, read by the host when used.
/// </summary>
public sealed record SnapshotsConfig(Uri Registry, string Prefix, int Retain, string? User, SecretReference? Password)
{
    public const string DefaultPrefix = "reconciler";

    public const int DefaultRetain = 3;

    /// <summary><c>host[:port]</c> as image references name the registry.</summary>
    public string RegistryHost => Registry.IsDefaultPort ? Registry.Host : $"{Registry.Host}:{Registry.Port}";
}
