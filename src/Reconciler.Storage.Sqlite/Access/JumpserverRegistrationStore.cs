using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Access;

/// <summary>One workspace registered with Jumpserver: its asset id and what it was registered with.</summary>
public sealed record JumpserverRegistration(string Repository, string Workspace, string AssetId, string Fingerprint, DateTimeOffset RegisteredAt);

/// <summary>Jumpserver registrations on the worker's SQLite file (table of migration 0007), read back after a restart.</summary>
public sealed class JumpserverRegistrationStore(IRelationalStateStore store) : IJumpserverRegistrationStore
{
    public async Task SetAsync(JumpserverRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection,
            null,
            """
            INSERT INTO jumpserver_registrations (repository, workspace, asset_id, fingerprint, registered_at)
            VALUES ($repository, $workspace, $asset, $fingerprint, $at)
            ON CONFLICT (repository, workspace) DO UPDATE SET
                asset_id = excluded.asset_id, fingerprint = excluded.fingerprint, registered_at = excluded.registered_at;
            """,
            ("$repository", registration.Repository),
            ("$workspace", registration.Workspace),
            ("$asset", registration.AssetId),
            ("$fingerprint", registration.Fingerprint),
            ("$at", SqliteValues.Time(registration.RegisteredAt)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ForgetAsync(string repository, string workspace, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection,
            null,
            "DELETE FROM jumpserver_registrations WHERE repository = $repository AND workspace = $workspace;",
            ("$repository", repository),
            ("$workspace", workspace));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<JumpserverRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken);
        await using var command = SqliteValues.Command(
            connection, null, "SELECT repository, workspace, asset_id, fingerprint, registered_at FROM jumpserver_registrations ORDER BY repository, workspace;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var registrations = new List<JumpserverRegistration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            registrations.Add(new JumpserverRegistration(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SqliteValues.ReadTime(reader, 4)));
        }

        return registrations;
    }
}
