using Npgsql;
using NpgsqlTypes;

namespace Reconciler.Scheduling;

/// <summary>
/// <c>lifecycle_boundaries</c> on PostgreSQL (Storage.Postgres migration 0008), for clustered workers: the same rows
/// as <see cref="BoundaryRows"/>, through a pooled Npgsql data source (every worker of the cluster reads the rows of the
/// window its Quartz instance fired, whichever wrote them).
/// </summary>
internal sealed class PostgresBoundaryRows(string connectionString) : IBoundaryRows
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public async Task WriteAsync(string repository, IReadOnlyCollection<BoundaryRow> stale, IReadOnlyCollection<BoundaryRow> missing, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RunAsync(connection, transaction, "DELETE FROM lifecycle_boundaries WHERE repository = @repository AND workspace = @workspace AND at_ticks = @at;", repository, stale, cancellationToken);
        await RunAsync(
            connection,
            transaction,
            "INSERT INTO lifecycle_boundaries (repository, workspace, at_ticks) VALUES (@repository, @workspace, @at) ON CONFLICT DO NOTHING;",
            repository,
            missing,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<Dictionary<string, HashSet<BoundaryRow>>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT repository, workspace, at_ticks FROM lifecycle_boundaries;");
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

    public async Task<IReadOnlyList<(string Repository, long Ticks)>> InWindowAsync(long start, long end, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT DISTINCT repository, at_ticks FROM lifecycle_boundaries WHERE at_ticks >= @start AND at_ticks < @end ORDER BY at_ticks;");
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return due;
    }

    public void Dispose() => _dataSource.Dispose();

    private static async Task RunAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string repository, IReadOnlyCollection<BoundaryRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var repositoryParameter = command.Parameters.Add("repository", NpgsqlDbType.Text);
        var workspace = command.Parameters.Add("workspace", NpgsqlDbType.Text);
        var at = command.Parameters.Add("at", NpgsqlDbType.Bigint);
        foreach (var row in rows)
        {
            repositoryParameter.Value = repository;
            workspace.Value = row.Workspace;
            at.Value = row.Ticks;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
