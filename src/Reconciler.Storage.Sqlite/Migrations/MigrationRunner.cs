using Microsoft.Data.Sqlite;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Migrations;

/// <summary>
/// Brings a database to the newest schema this build knows: pending scripts run in order inside one
/// IMMEDIATE transaction together with their <c>schema_migrations</c> rows, so a crash leaves either the
/// old schema or the new one, and two workers starting at once apply each script exactly once.
/// A database that knows a version this build does not is refused before anything is written.
/// </summary>
internal sealed class MigrationRunner(ConnectionFactory connections, IReadOnlyList<Migration> migrations, TimeProvider timeProvider)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        ) STRICT;
        """;

    /// <summary>Applies pending migrations and returns the schema version now in force.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        Check(await ReadAppliedAsync(connection, null, cancellationToken));

        // WAL: readers never block the writer and a commit is one append. It is a property of the file,
        // so it is set once here (it cannot change inside a transaction).
        await using (var wal = SqliteValues.Command(connection, null, "PRAGMA journal_mode = WAL;"))
        {
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for {connections.DatabasePath} (got '{mode}'); is it on a network file system?");
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        await using (var create = SqliteValues.Command(connection, transaction, CreateTable))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        // Read again under the write lock: another process may have migrated since the first read.
        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        Check(applied);
        foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
        {
            await using (var script = SqliteValues.Command(connection, transaction, migration.Sql))
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

        transaction.Commit();
        return migrations.Count == 0 ? 0 : migrations[^1].Version;
    }

    private void Check(IReadOnlyDictionary<int, AppliedMigration> applied)
    {
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var newer = applied.Keys.Where(v => v > latest).OrderBy(v => v).ToList();
        if (newer.Count > 0)
        {
            throw new SchemaVersionException(
                $"The database {connections.DatabasePath} has schema version {newer[^1]}, newer than this Reconciler knows (latest {latest}). " +
                "It was written by a newer release: run that release, or restore a backup taken before the upgrade. The database was not changed.");
        }

        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var row) && row.Checksum != migration.Checksum)
            {
                throw new SchemaVersionException(
                    $"Migration {migration.Version} ({row.Name}) recorded in {connections.DatabasePath} differs from this build's script {migration.Name}. " +
                    "A released migration must never be edited; add a new one instead. The database was not changed.");
            }
        }
    }

    private static async Task<IReadOnlyDictionary<int, AppliedMigration>> ReadAppliedAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, AppliedMigration>();
        await using (var exists = SqliteValues.Command(connection, transaction, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations';"))
        {
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
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
