using Npgsql;
using Reconciler.Storage.Postgres.Connections;
using SqliteValues = Reconciler.Storage.Sqlite.Connections.SqliteValues;
using Reconciler.Storage.Sqlite;
using Migration = Reconciler.Storage.Sqlite.Migrations.Migration;

namespace Reconciler.Storage.Postgres.Migrations;

/// <summary>
/// Brings a database to the newest schema this build knows, with the SQLite store's bookkeeping: a
/// <c>schema_migrations</c> row (version, name, checksum, applied_at) per script, pending scripts applied in order in
/// one transaction (PostgreSQL DDL is transactional, so a crash leaves the old schema or the new one). Workers starting
/// at once queue on a transaction-scoped advisory lock, so each script runs exactly once. A database that knows a
/// version this build does not, or whose recorded checksum differs, is refused before anything is written.
/// </summary>
internal sealed class MigrationRunner(ConnectionFactory connections, IReadOnlyList<Migration> migrations, TimeProvider timeProvider)
{
    /// <summary>The advisory lock key that serialises migrations (an arbitrary constant: "RCMIGRAT" as ASCII).</summary>
    private const long MigrationLock = 0x52434D4947524154;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    /// <summary>Applies pending migrations and returns the schema version now in force.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        Check(await ReadAppliedAsync(connection, null, cancellationToken));

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = SqliteValues.Command(connection, transaction, "SELECT pg_advisory_xact_lock($key);", ("$key", MigrationLock)))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        // Read again under the lock: another worker may have migrated since the first read.
        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        Check(applied);
        if (migrations.All(m => applied.ContainsKey(m.Version)))
        {
            await transaction.RollbackAsync(cancellationToken);
            return Latest;
        }

        await using (var create = SqliteValues.Command(connection, transaction, CreateTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
        {
            // Scripts are sent as they are: they contain $$-quoted function bodies, never parameters.
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = SqliteValues.Command(
                connection,
                transaction,
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($version, $name, $checksum, $at);",
                ("$version", migration.Version),
                ("$name", migration.Name),
                ("$checksum", migration.Checksum),
                ("$at", SqliteValues.Time(timeProvider.GetUtcNow())));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Latest;
    }

    private int Latest => migrations.Count == 0 ? 0 : migrations[^1].Version;

    private void Check(IReadOnlyDictionary<int, AppliedMigration> applied)
    {
        var newer = applied.Keys.Where(v => v > Latest).OrderBy(v => v).ToList();
        if (newer.Count > 0)
        {
            throw new SchemaVersionException(
                $"The PostgreSQL database {connections.Redacted} has schema version {newer[^1]}, newer than this Reconciler knows (latest {Latest}). " +
                "It was written by a newer release: run that release, or restore a backup taken before the upgrade. The database was not changed.");
        }

        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var row) && row.Checksum != migration.Checksum)
            {
                throw new SchemaVersionException(
                    $"Migration {migration.Version} ({row.Name}) recorded in the PostgreSQL database {connections.Redacted} differs from this build's script {migration.Name}. " +
                    "A released migration must never be edited; add a new one instead. The database was not changed.");
            }
        }
    }

    private static async Task<IReadOnlyDictionary<int, AppliedMigration>> ReadAppliedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        await using (var exists = SqliteValues.Command(connection, transaction, "SELECT to_regclass('schema_migrations') IS NOT NULL;"))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return applied;
            }
        }

        await using var query = SqliteValues.Command(connection, transaction, "SELECT version, name, checksum FROM schema_migrations;");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = new AppliedMigration(reader.GetString(1), reader.GetString(2));
        }

        return applied;
    }

    private sealed record AppliedMigration(string Name, string Checksum);
}
