using Microsoft.Data.Sqlite;

namespace Reconciler.Scheduling;

/// <summary>
/// The <c>lifecycle_boundaries</c> table (Storage.Sqlite migration 0008): what the shared window triggers wake. Writes
/// go through one connection kept open with its statements prepared once — a repository's change is one short
/// transaction of a few single-row statements, against the ten or so statements Quartz prepares and runs to store a
/// trigger. Reads (a window's fire, the bulk read at start-up) use their own pooled connection.
/// </summary>
internal sealed class BoundaryRows(string connectionString) : IBoundaryRows
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";

    private readonly SemaphoreSlim _writing = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteCommand? _insert;
    private SqliteCommand? _delete;
    private bool _disposed;

    /// <summary>Removes <paramref name="stale"/> and adds <paramref name="missing"/> rows of <paramref name="repository"/> in one transaction.</summary>
    public async Task WriteAsync(string repository, IReadOnlyCollection<BoundaryRow> stale, IReadOnlyCollection<BoundaryRow> missing, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = Writer();
            using var transaction = connection.BeginTransaction(deferred: false);
            Run(_delete!, transaction, repository, stale);
            Run(_insert!, transaction, repository, missing);
            transaction.Commit();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Every stored row, by repository (read once at start-up).</summary>
    public async Task<Dictionary<string, HashSet<BoundaryRow>>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT repository, workspace, at_ticks FROM lifecycle_boundaries;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, HashSet<BoundaryRow>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var repository = reader.GetString(0);
            if (!rows.TryGetValue(repository, out var set))
            {
                rows[repository] = set = [];
            }

            set.Add(new BoundaryRow(reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }

    /// <summary>The distinct (repository, instant) pairs with an instant in [<paramref name="start"/>, <paramref name="end"/>) ticks.</summary>
    public async Task<IReadOnlyList<(string Repository, long Ticks)>> InWindowAsync(long start, long end, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT repository, at_ticks FROM lifecycle_boundaries WHERE at_ticks >= $start AND at_ticks < $end ORDER BY at_ticks;";
        command.Parameters.AddWithValue("$start", start);
        command.Parameters.AddWithValue("$end", end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return due;
    }

    public void Dispose()
    {
        _writing.Wait();
        try
        {
            _disposed = true;
            _insert?.Dispose();
            _delete?.Dispose();
            _writer?.Dispose();
        }
        finally
        {
            _writing.Release();
        }
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, string repository, IReadOnlyCollection<BoundaryRow> rows)
    {
        command.Transaction = transaction;
        foreach (var row in rows)
        {
            command.Parameters["$repository"].Value = repository;
            command.Parameters["$workspace"].Value = row.Workspace;
            command.Parameters["$at"].Value = row.Ticks;
            command.ExecuteNonQuery();
        }
    }

    private SqliteConnection Writer()
    {
        if (_writer is not null)
        {
            return _writer;
        }

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = Pragmas;
            pragmas.ExecuteNonQuery();
        }

        _insert = Prepared(connection, "INSERT OR IGNORE INTO lifecycle_boundaries (repository, workspace, at_ticks) VALUES ($repository, $workspace, $at);");
        _delete = Prepared(connection, "DELETE FROM lifecycle_boundaries WHERE repository = $repository AND workspace = $workspace AND at_ticks = $at;");
        return _writer = connection;
    }

    private static SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$repository", SqliteType.Text);
        command.Parameters.Add("$workspace", SqliteType.Text);
        command.Parameters.Add("$at", SqliteType.Integer);
        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout = 5000;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
