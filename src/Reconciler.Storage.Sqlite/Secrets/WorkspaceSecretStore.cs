using System.Security.Cryptography;
using Reconciler.Core.Desired;

namespace Reconciler.Storage.Sqlite.Secrets;

/// <summary>
/// Generated per-workspace secrets (kind <c>jupyter</c>: a 128-bit token as 32 hex characters), kept sealed in the
/// state database. A secret that is missing, sealed under another key (the key was lost or changed) or damaged is
/// regenerated and stored again: never read as plaintext, never left unusable.
/// </summary>
public sealed class WorkspaceSecretStore(IRelationalStateStore store, SecretBox box) : IWorkspaceSecretStore
{
    public async Task<string> GetOrCreateAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var found = await store.ReadSecretAsync(key, kind, cancellationToken);
        if (found is { } row && row.KeyId == box.KeyId && box.Open(row.Sealed, AssociatedData(key, kind)) is { } value)
        {
            return value;
        }

        return await RotateAsync(key, kind, cancellationToken);
    }

    /// <summary>The secret when one exists and opens under this key; never creates one.</summary>
    public async Task<string?> FindAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await store.ReadSecretAsync(key, kind, cancellationToken) is { } row && row.KeyId == box.KeyId
            ? box.Open(row.Sealed, AssociatedData(key, kind))
            : null;
    }

    /// <summary>Replaces the secret with a new one and returns it.</summary>
    public async Task<string> RotateAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await store.WriteSecretAsync(key, kind, box.KeyId, box.Seal(value, AssociatedData(key, kind)), cancellationToken);
        return value;
    }

    private static string AssociatedData(WorkspaceKey key, string kind) => $"{key.Repository}\n{key.Workspace}\n{kind}";
}
