using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;

namespace Reconciler.Storage.Sqlite.Secrets;

/// <summary>
/// Per-workspace connection tokens: 128 random bits as 32 hex characters, returned once when issued and kept only as
/// their SHA-256. Issuing replaces the workspace's previous token; revoking deletes it; a lookup by token compares
/// hashes in the database (a token is high-entropy, so a plain hash is enough).
/// </summary>
public sealed class ConnectionTokenStore(IRelationalStateStore store) : IConnectionTokenStore
{
    public async Task<string> IssueAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await store.ReplaceConnectionTokenAsync(key, Hash(token), cancellationToken);
        return token;
    }

    public Task<bool> RevokeAsync(WorkspaceKey key, CancellationToken cancellationToken) => store.DeleteConnectionTokenAsync(key, cancellationToken);

    /// <summary>The workspace the token opens; null for an unknown or revoked token (or one that is not 32 hex characters).</summary>
    public Task<WorkspaceKey?> FindAsync(string token, CancellationToken cancellationToken)
        => token is { Length: 32 } && token.All(Uri.IsHexDigit)
            ? store.FindConnectionTokenAsync(Hash(token.ToLowerInvariant()), cancellationToken)
            : Task.FromResult<WorkspaceKey?>(null);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
