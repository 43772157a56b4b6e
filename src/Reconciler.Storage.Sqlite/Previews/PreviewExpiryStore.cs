using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Previews;

/// <summary>One live pull-request preview and when its ttl passes.</summary>
public sealed record PreviewExpiry(string Repository, int Number, DateTimeOffset ExpiresAt);

/// <summary>Preview expiry times on the worker's SQLite file (table of migration 0005), read back after a restart.</summary>
public sealed class PreviewExpiryStore(IRelationalStateStore store) : IPreviewExpiryStore
{
    public async Task SetAsync(PreviewExpiry expiry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expiry);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
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
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection, null, "DELETE FROM preview_expiries WHERE repository = $repository AND number = $number;", ("$repository", repository), ("$number", number));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PreviewExpiry>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
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
