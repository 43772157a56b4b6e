namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>access</c>: what the worker knows about reaching workspaces (docs/access.md). Public keys are not secrets and are
/// written inline; passwords and tokens never are.
/// </summary>
public sealed record AccessConfig
{
    /// <summary><c>sshKeys</c>: OpenSSH public key lines by user name; an <c>access.ssh</c> workspace accepts its owner's.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SshKeys { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary><c>sshKeys.&lt;user&gt;: { github: LOGIN }</c>: GitHub logins by user name, whose public keys the user's workspaces accept.</summary>
    public IReadOnlyDictionary<string, string> GitHubLogins { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>jumpserver</c>: null when absent (an access.jumpserver workspace is then reported as degraded).</summary>
    public JumpserverConfig? Jumpserver { get; init; }

    public static AccessConfig None { get; } = new();
}
