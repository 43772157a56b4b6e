using Reconciler.Storage.Postgres.Connections;
using SqliteValues = Reconciler.Storage.Sqlite.Connections.SqliteValues;
using Reconciler.Storage.Sqlite.Previews;

namespace Reconciler.Storage.Postgres.Previews;

/// <summary>Preview expiry times on the worker's PostgreSQL database (table of its migration 0006), read back after a restart.</summary>
public sealed class PostgresPreviewExpiryStore(PostgresStateStore store) : Sqlite.IPreviewExpiryStore
{
    public async Task SetAsync(PreviewExpiry expiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        await using var connection = await store.Connections.OpenAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection,
            null,
            """
            INSERT INTO preview_expiries (repository, number, expires_at) VALUES ($repository, $number, $at)
            ON CONFLICT (repository, number) DO UPDATE SET expires_at = excluded.expires_at;
            """,
            ("$repository", expiry.Repository),
            ("$number", expiry.Number),
            ("$at", SqliteValues.Time(expiry.ExpiresAt)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ForgetAsync(string repository, int number, CancellationToken cancellationToken)
    {
        await using var connection = await store.Connections.OpenAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection, null, "DELETE FROM preview_expiries WHERE repository = $repository AND number = $number;", ("$repository", repository), ("$number", number));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PreviewExpiry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.Connections.OpenAsync(cancellationToken);
        await using var command = SqliteValues.Command(connection, null, "SELECT repository, number, expires_at FROM preview_expiries ORDER BY repository, number;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expiries = new List<PreviewExpiry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            expiries.Add(new PreviewExpiry(reader.GetString(0), reader.GetInt32(1), SqliteValues.ReadTime(reader, 2)));
        }

        return expiries;
    }
}
