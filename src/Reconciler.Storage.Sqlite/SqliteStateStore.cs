using Microsoft.Data.Sqlite;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Connections;
using Reconciler.Storage.Sqlite.Events;
using Reconciler.Storage.Sqlite.Migrations;
using Reconciler.Storage.Sqlite.Repositories;
using Reconciler.Storage.Sqlite.Workspaces;

namespace Reconciler.Storage.Sqlite;

/// <summary>
/// <see cref="IStateStore"/> on one SQLite file in WAL mode. Every write is one IMMEDIATE transaction
/// (the write lock is taken up front, so a read-modify-write such as a condition merge never fails half
/// way with a busy snapshot); SQLite serialises writers, the busy timeout makes the others wait.
/// Safe to share between reconcile workers: each call opens its own pooled connection.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IRelationalStateStore, IDisposable
{
    private readonly ConnectionFactory connections;
    private readonly TimeProvider timeProvider;

    private SqliteStateStore(ConnectionFactory connections, TimeProvider timeProvider, int schemaVersion)
    {
        this.connections = connections;
        this.timeProvider = timeProvider;
        SchemaVersion = schemaVersion;
        PowerRecords = new Power.SqlitePowerRecordStore(connections);
    }

    /// <summary>Lifecycle inputs and power statuses, in the same file.</summary>
    public Core.Ports.IPowerRecordStore PowerRecords { get; }

    /// <summary>The ADO.NET connection string of the file, for Quartz's job store (its QRTZ_ tables are migration 0003).</summary>
    public string ConnectionString => connections.ConnectionString;

    /// <summary>The file's connections, for the stores that share it (<see cref="Previews.PreviewExpiryStore"/>).</summary>
    internal ConnectionFactory Connections => connections;

    async Task<System.Data.Common.DbConnection> IRelationalStateStore.OpenConnectionAsync(CancellationToken cancellationToken) => await connections.OpenAsync(cancellationToken);

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => connections.DatabasePath;

    /// <summary>The schema version in force after start-up migrations.</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// Opens (creating when missing) and migrates the database. Throws <see cref="SchemaVersionException"/>
    /// for a database from a newer release, without changing it.
    /// </summary>
    public static async Task<SqliteStateStore> OpenAsync(SqliteStorageOptions options, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        var connections = new ConnectionFactory(options);
        Directory.CreateDirectory(Path.GetDirectoryName(connections.DatabasePath)!);
        try
        {
            var version = await new MigrationRunner(connections, Migration.Embedded, timeProvider).RunAsync(cancellationToken);
            return new SqliteStateStore(connections, timeProvider, version);
        }
        catch
        {
            connections.ClearPool();
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
                await Secrets.SecretCommands.DeleteAsync(c, t, key, cancellationToken);
                await Secrets.ConnectionTokenCommands.DeleteAsync(c, t, key, cancellationToken);
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

    /// <summary>Closes the pooled connections; the last one to close checkpoints the WAL into the file.</summary>
    public void Dispose() => connections.ClearPool();

    private static async Task<IReadOnlyList<WorkspaceCondition>> MergeConditionsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
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
        => ReadAsync(c => Secrets.SecretCommands.GetAsync(c, key, kind, cancellationToken), cancellationToken);

    public Task ReplaceConnectionTokenAsync(WorkspaceKey key, string tokenHash, CancellationToken cancellationToken)
        => WriteAsync((c, t, now) => Secrets.ConnectionTokenCommands.ReplaceAsync(c, t, key, tokenHash, now, cancellationToken), cancellationToken);

    public Task<bool> DeleteConnectionTokenAsync(WorkspaceKey key, CancellationToken cancellationToken)
        => WriteAsync((c, t, _) => Secrets.ConnectionTokenCommands.DeleteAsync(c, t, key, cancellationToken), cancellationToken);

    public Task<WorkspaceKey?> FindConnectionTokenAsync(string tokenHash, CancellationToken cancellationToken)
        => ReadAsync(c => Secrets.ConnectionTokenCommands.FindAsync(c, tokenHash, cancellationToken), cancellationToken);

    public Task WriteSecretAsync(WorkspaceKey key, string kind, string keyId, byte[] sealedValue, CancellationToken cancellationToken)
        => WriteAsync((c, t, now) => Secrets.SecretCommands.PutAsync(c, t, key, kind, keyId, sealedValue, now, cancellationToken), cancellationToken);

    private Task WriteAsync(Func<SqliteConnection, SqliteTransaction, DateTimeOffset, Task> work, CancellationToken cancellationToken)
        => WriteAsync<bool>(
            async (c, t, now) =>
            {
                await work(c, t, now);
                return true;
            },
            cancellationToken);

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, DateTimeOffset, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);

        // The clock is read under the write lock, so times follow commit (and event id) order.
        var result = await work(connection, transaction, timeProvider.GetUtcNow());
        transaction.Commit();
        return result;
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await work(connection);
    }
}
