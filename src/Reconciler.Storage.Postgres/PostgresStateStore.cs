using Npgsql;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Postgres.Connections;
using SqliteValues = Reconciler.Storage.Sqlite.Connections.SqliteValues;
using Reconciler.Storage.Postgres.Migrations;
using Reconciler.Storage.Sqlite;
using Reconciler.Storage.Sqlite.Events;
using Reconciler.Storage.Sqlite.Repositories;
using Reconciler.Storage.Sqlite.Workspaces;

namespace Reconciler.Storage.Postgres;

/// <summary>
/// <see cref="IStateStore"/> on a PostgreSQL database that several workers may share. Every write is one transaction
/// that first takes a transaction-scoped advisory lock, so writers are serialised exactly as SQLite's single writer
/// serialises them: a read-modify-write such as a condition merge never interleaves, and event ids, commit order and
/// event times agree (a reader paging by id never skips an event committed later with a smaller id).
/// Safe to share between reconcile workers: each call takes its own pooled connection.
/// </summary>
public sealed class PostgresStateStore : IStateStore, Sqlite.IRelationalStateStore, IDisposable
{
    /// <summary>The advisory lock key every write takes ("RCWRITER" as ASCII; migrations use another).</summary>
    private const long WriteLock = 0x5243575249544552;

    private readonly ConnectionFactory connections;
    private readonly TimeProvider timeProvider;

    private PostgresStateStore(ConnectionFactory connections, TimeProvider timeProvider, int schemaVersion)
    {
        this.connections = connections;
        this.timeProvider = timeProvider;
        SchemaVersion = schemaVersion;
        PowerRecords = new Power.PostgresPowerRecordStore(connections);
    }

    /// <summary>Lifecycle inputs and power statuses, in the same database.</summary>
    public Core.Ports.IPowerRecordStore PowerRecords { get; }

    /// <summary>The Npgsql connection string (password included: never log it), for Quartz's job store (its QRTZ_ tables are migration 0003).</summary>
    public string ConnectionString => connections.ConnectionString;

    /// <summary>The database's connections, for the stores that share it (through <see cref="Sqlite.IRelationalStateStore"/>).</summary>
    internal ConnectionFactory Connections => connections;

    async Task<System.Data.Common.DbConnection> Sqlite.IRelationalStateStore.OpenConnectionAsync(CancellationToken cancellationToken) => await connections.OpenAsync(cancellationToken);

    /// <summary>The connection string with the password replaced, for messages and status.</summary>
    public string RedactedConnectionString => connections.Redacted;

    /// <summary>The schema version in force after start-up migrations.</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Connects to and migrates the database (which must exist). Throws <see cref="SchemaVersionException"/>
    /// for a database from a newer release, without changing it.
    /// </summary>
    public static async Task<PostgresStateStore> OpenAsync(PostgresStorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var connections = new ConnectionFactory(options);
        try
        {
            var version = await new MigrationRunner(connections, PostgresMigrations.Embedded, timeProvider).RunAsync(cancellationToken);
            return new PostgresStateStore(connections, timeProvider, version);
        }
        catch
        {
            connections.Dispose();
            throw;
        }
    }

    public Task UpsertRepositoryAsync(RepositoryState state, CancellationToken cancellationToken)
    {
        StateInput.Validate(state);
        return WriteAsync((c, t, now) => RepositoryCommands.UpsertAsync(c, t, state, now, cancellationToken), cancellationToken);
    }

    public async Task<RepositoryState?> GetRepositoryAsync(string repository, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        var found = await ReadAsync(c => RepositoryCommands.QueryAsync(c, repository, cancellationToken), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<RepositoryState>> ListRepositoriesAsync(CancellationToken cancellationToken)
        => ReadAsync(c => RepositoryCommands.QueryAsync(c, null, cancellationToken), cancellationToken);

    public Task<WorkspaceStatusRecord> SetWorkspaceStatusAsync(WorkspaceStatusUpdate update, CancellationToken cancellationToken)
    {
        StateInput.Validate(update);
        return WriteAsync(
            async (c, t, now) =>
            {
                await WorkspaceCommands.UpsertAsync(c, t, update, now, cancellationToken);
                await MergeConditionsAsync(c, t, update.Key, update.Conditions, now, cancellationToken);
                return (await WorkspaceCommands.QueryAsync(c, t, WorkspaceStatusQuery.All, update.Key, cancellationToken))[0];
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<WorkspaceCondition>> SetConditionsAsync(WorkspaceKey key, IReadOnlyList<ConditionUpdate> conditions, CancellationToken cancellationToken)
    {
        StateInput.Validate(key);
        ArgumentNullException.ThrowIfNull(conditions);
        return WriteAsync(
            async (c, t, now) =>
            {
                await WorkspaceCommands.TouchAsync(c, t, key, now, cancellationToken);
                return await MergeConditionsAsync(c, t, key, conditions, now, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<WorkspaceStatusRecord?> GetWorkspaceStatusAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        StateInput.Validate(key);
        var found = await ReadAsync(c => WorkspaceCommands.QueryAsync(c, null, WorkspaceStatusQuery.All, key, cancellationToken), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<WorkspaceStatusRecord>> ListWorkspaceStatusesAsync(WorkspaceStatusQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(c => WorkspaceCommands.QueryAsync(c, null, query, null, cancellationToken), cancellationToken);
    }

    public Task<bool> DeleteWorkspaceStatusAsync(WorkspaceKey key, CancellationToken cancellationToken)
    {
        StateInput.Validate(key);
        return WriteAsync(
            async (c, t, _) =>
            {
                // A deleted workspace's generated secrets go with it: a workspace of the same name later gets new ones.
                await Sqlite.Secrets.SecretCommands.DeleteAsync(c, t, key, cancellationToken);
                await Sqlite.Secrets.ConnectionTokenCommands.DeleteAsync(c, t, key, cancellationToken);
                return await WorkspaceCommands.DeleteAsync(c, t, key, cancellationToken);
            },
            cancellationToken);
    }

    public Task<AuditEvent> AppendEventAsync(NewAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        StateInput.Validate(auditEvent);
        return WriteAsync((c, t, now) => EventCommands.AppendAsync(c, t, auditEvent, now, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEvent>> ListEventsAsync(AuditEventQuery query, CancellationToken cancellationToken)
    {
        StateInput.Validate(query);
        return ReadAsync(c => EventCommands.ListAsync(c, query, cancellationToken), cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = SqliteValues.Command(connection, null, "SELECT count(*) FROM schema_migrations;");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => connections.Dispose();

    private static async Task<IReadOnlyList<WorkspaceCondition>> MergeConditionsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        WorkspaceKey key,
        IReadOnlyList<ConditionUpdate> updates,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stored = await WorkspaceCommands.QueryAsync(connection, transaction, WorkspaceStatusQuery.All, key, cancellationToken);
        var existing = stored.Count == 0 ? [] : stored[0].Conditions;
        var merged = WorkspaceConditions.Merge(existing, updates, now);
        await ConditionCommands.WriteAsync(connection, transaction, key, merged, cancellationToken);
        return merged;
    }

    /// <summary>The sealed bytes of one workspace secret and the id of the key that sealed them (see <see cref="Secrets.WorkspaceSecretStore"/>).</summary>
    public Task<(string KeyId, byte[] Sealed)?> ReadSecretAsync(WorkspaceKey key, string kind, CancellationToken cancellationToken)
        => ReadAsync(c => Sqlite.Secrets.SecretCommands.GetAsync(c, key, kind, cancellationToken), cancellationToken);

    public Task ReplaceConnectionTokenAsync(WorkspaceKey key, string tokenHash, CancellationToken cancellationToken)
        => WriteAsync((c, t, now) => Sqlite.Secrets.ConnectionTokenCommands.ReplaceAsync(c, t, key, tokenHash, now, cancellationToken), cancellationToken);

    public Task<bool> DeleteConnectionTokenAsync(WorkspaceKey key, CancellationToken cancellationToken)
        => WriteAsync((c, t, _) => Sqlite.Secrets.ConnectionTokenCommands.DeleteAsync(c, t, key, cancellationToken), cancellationToken);

    public Task<WorkspaceKey?> FindConnectionTokenAsync(string tokenHash, CancellationToken cancellationToken)
        => ReadAsync(c => Sqlite.Secrets.ConnectionTokenCommands.FindAsync(c, tokenHash, cancellationToken), cancellationToken);

    public Task WriteSecretAsync(WorkspaceKey key, string kind, string keyId, byte[] sealedValue, CancellationToken cancellationToken)
        => WriteAsync((c, t, now) => Sqlite.Secrets.SecretCommands.PutAsync(c, t, key, kind, keyId, sealedValue, now, cancellationToken), cancellationToken);

    private Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task> work, CancellationToken cancellationToken)
        => WriteAsync<bool>(
            async (c, t, now) =>
            {
                await work(c, t, now);
                return true;
            },
            cancellationToken);

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var writeLock = SqliteValues.Command(connection, transaction, "SELECT pg_advisory_xact_lock($key);", ("$key", WriteLock)))
        {
            await writeLock.ExecuteNonQueryAsync(cancellationToken);
        }

        // The clock is read under the write lock, so times follow commit (and event id) order.
        var result = await work(connection, transaction, timeProvider.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await work(connection);
    }
}
