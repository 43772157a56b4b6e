using System.Data.Common;
using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Secrets;

/// <summary>Rows of <c>workspace_secrets</c>: sealed bytes only; sealing and opening are the caller's.</summary>
internal static class SecretCommands
{
    public static async Task<(string KeyId, byte[] Sealed)?> GetAsync(DbConnection connection, WorkspaceKey key, string kind, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, null,
            "SELECT key_id, sealed FROM workspace_secrets WHERE repository = $repository AND workspace = $workspace AND kind = $kind;",
            ("$repository", key.Repository), ("$workspace", key.Workspace), ("$kind", kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    public static async Task PutAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, string kind, string keyId, byte[] sealedValue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            """
            INSERT INTO workspace_secrets (repository, workspace, kind, key_id, sealed, created_at)
            VALUES ($repository, $workspace, $kind, $keyId, $sealed, $now)
            ON CONFLICT (repository, workspace, kind) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed, created_at = excluded.created_at;
            """,
            ("$repository", key.Repository), ("$workspace", key.Workspace), ("$kind", kind), ("$keyId", keyId), ("$sealed", sealedValue), ("$now", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task DeleteAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "DELETE FROM workspace_secrets WHERE repository = $repository AND workspace = $workspace;",
            ("$repository", key.Repository), ("$workspace", key.Workspace));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
