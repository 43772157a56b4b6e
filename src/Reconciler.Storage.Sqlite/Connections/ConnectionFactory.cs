using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Sqlite.Connections;

/// <summary>Opens pooled connections with the per-connection settings every operation relies on.</summary>
internal sealed class ConnectionFactory
{
    private readonly string connectionString;
    private readonly string pragmas;

    public ConnectionFactory(SqliteStorageOptions options)
    {
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)options.BusyTimeout.TotalSeconds),
        }.ToString();

        // busy_timeout: a writer waits for the lock instead of failing at once.
        // foreign_keys: off by default in SQLite, per connection; conditions cascade with their workspace.
        // synchronous=NORMAL is crash-safe in WAL mode: a commit appends to the WAL and the WAL is fsynced
        // at every checkpoint, so a killed process loses nothing that was committed (the OS holds the
        // written pages) and a power loss can at worst roll back the last few commits; the database is
        // never corrupted. FULL would add an fsync to every commit for that last guarantee only.
        pragmas = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
    }

    public string DatabasePath { get; }

    public string ConnectionString => connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections so the file (and its -wal) is released.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
