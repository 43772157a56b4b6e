using System.Data.Common;
using Reconciler.Core.Desired;

namespace Reconciler.Storage.Sqlite;

/// <summary>
/// What the small stores (secrets, connection tokens, preview expiries, Jumpserver registrations) need from the
/// database they live in: a connection, and the writes that must take the store's write path. Implemented by
/// <see cref="SqliteStateStore"/> and the PostgreSQL store, so one class of each small store serves both.
/// </summary>
public interface IRelationalStateStore
{
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    Task<(string KeyId, byte[] Sealed)?> ReadSecretAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken);

    Task WriteSecretAsync(WorkspaceKey key, string kind, string keyId, byte[] sealedValue, CancellationToken cancellationToken);

    Task ReplaceConnectionTokenAsync(WorkspaceKey key, string tokenHash, CancellationToken cancellationToken);

    Task<bool> DeleteConnectionTokenAsync(WorkspaceKey key, CancellationToken cancellationToken);

    Task<WorkspaceKey?> FindConnectionTokenAsync(string tokenHash, CancellationToken cancellationToken);
}
