using System.Data.Common;
using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Secrets;

/// <summary>Rows of <c>connection_tokens</c>: token hashes only.</summary>
internal static class ConnectionTokenCommands
{
    public static async Task ReplaceAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await DeleteAsync(connection, transaction, key, cancellationToken);
        await using var command = SqliteValues.Command(connection, transaction,
            "INSERT INTO connection_tokens (token_hash, repository, workspace, created_at) VALUES ($hash, $repository, $workspace, $now);",
            ("$hash", tokenHash), ("$repository", key.Repository), ("$workspace", key.Workspace), ("$now", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<bool> DeleteAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, transaction,
            "DELETE FROM connection_tokens WHERE repository = $repository AND workspace = $workspace;",
            ("$repository", key.Repository), ("$workspace", key.Workspace));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<WorkspaceKey?> FindAsync(DbConnection connection, string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(connection, null,
            "SELECT repository, workspace FROM connection_tokens WHERE token_hash = $hash;", ("$hash", tokenHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new WorkspaceKey(reader.GetString(0), reader.GetString(1)) : null;
    }
}
