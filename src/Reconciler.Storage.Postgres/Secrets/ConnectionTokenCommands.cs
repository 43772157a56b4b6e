using Npgsql;
using Reconciler.Core.Desired;
using Reconciler.Storage.Postgres.Connections;

namespace Reconciler.Storage.Postgres.Secrets;

/// <summary>Rows of <c>connection_tokens</c>: token hashes only.</summary>
internal static class ConnectionTokenCommands
{
    public static async Task ReplaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceKey key, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await DeleteAsync(connection, transaction, key, cancellationToken);
        await using var command = PgValues.Command(connection, transaction,
            "INSERT INTO connection_tokens (token_hash, repository, workspace, created_at) VALUES ($hash, $repository, $workspace, $now);",
            ("$hash", tokenHash), ("$repository", key.Repository), ("$workspace", key.Workspace), ("$now", PgValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<bool> DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await using var command = PgValues.Command(connection, transaction,
            "DELETE FROM connection_tokens WHERE repository = $repository AND workspace = $workspace;",
            ("$repository", key.Repository), ("$workspace", key.Workspace));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public static async Task<WorkspaceKey?> FindAsync(NpgsqlConnection connection, string tokenHash, CancellationToken cancellationToken)
    {
        await using var command = PgValues.Command(connection, null,
            "SELECT repository, workspace FROM connection_tokens WHERE token_hash = $hash;", ("$hash", tokenHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new WorkspaceKey(reader.GetString(0), reader.GetString(1)) : null;
    }
}
