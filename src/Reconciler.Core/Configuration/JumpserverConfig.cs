namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>access.jumpserver</c>: where access.jumpserver workspaces are registered (docs/access.md). The access key is
/// named by environment variable or file, never written inline.
/// </summary>
public sealed record JumpserverConfig(
    Uri Url,
    SecretReference KeyId,
    SecretReference KeySecret,
    string Node,
    string Org = JumpserverConfig.DefaultOrg,
    int Platform = JumpserverConfig.DefaultPlatform,
    string? Address = null)
{
    /// <summary>Jumpserver's built-in Default organization.</summary>
    public const string DefaultOrg = "00000000-0000-0000-0000-000000000002";

    /// <summary>Jumpserver's built-in Linux platform.</summary>
    public const int DefaultPlatform = 1;

    public static readonly TimeSpan DefaultRetryInterval = TimeSpan.FromSeconds(30);

    public TimeSpan RetryInterval { get; init; } = DefaultRetryInterval;
}
