using Npgsql;
using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Ports;
using Reconciler.Storage.Postgres.Connections;
using SqliteValues = Reconciler.Storage.Sqlite.Connections.SqliteValues;

namespace Reconciler.Storage.Postgres.Power;

/// <summary><see cref="IPowerRecordStore"/> on the worker's PostgreSQL database (tables of its migration 0002).</summary>
internal sealed class PostgresPowerRecordStore(ConnectionFactory connections) : IPowerRecordStore
{
    public Task AddOverrideAsync(WorkspaceKey key, PowerOverride request, CancellationToken cancellationToken)
        => WriteAsync(
            """
            INSERT INTO power_overrides (repository, workspace, kind, until, requested_by, requested_at)
            VALUES ($repository, $workspace, $kind, $until, $by, $at);
            """,
            cancellationToken,
            ("$repository", key.Repository),
            ("$workspace", key.Workspace),
            ("$kind", request.Kind.ToString().ToLowerInvariant()),
            ("$until", SqliteValues.Time(request.Until)),
            ("$by", SqliteValues.Truncate(request.RequestedBy)),
            ("$at", SqliteValues.Time(request.RequestedAt)));

    public Task RecordActivityAsync(WorkspaceKey key, DateTimeOffset at, CancellationToken cancellationToken)
        => WriteAsync(
            """
            INSERT INTO power_records (repository, workspace, last_activity_at) VALUES ($repository, $workspace, $at)
            ON CONFLICT (repository, workspace) DO UPDATE SET last_activity_at = greatest(coalesce(power_records.last_activity_at, ''), excluded.last_activity_at);
            """,
            cancellationToken,
            ("$repository", key.Repository),
            ("$workspace", key.Workspace),
            ("$at", SqliteValues.Time(at)));

    public Task MarkExpiredAsync(WorkspaceKey key, DateTimeOffset at, CancellationToken cancellationToken)
        => WriteAsync(
            """
            INSERT INTO power_records (repository, workspace, expired_at) VALUES ($repository, $workspace, $at)
            ON CONFLICT (repository, workspace) DO UPDATE SET expired_at = coalesce(power_records.expired_at, excluded.expired_at);
            """,
            cancellationToken,
            ("$repository", key.Repository),
            ("$workspace", key.Workspace),
            ("$at", SqliteValues.Time(at)));

    public async Task<IReadOnlyDictionary<WorkspaceKey, PowerRecord>> ListAsync(string repository, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var overrides = new Dictionary<WorkspaceKey, List<PowerOverride>>();
        await using (var query = SqliteValues.Command(
            connection,
            null,
            """
            SELECT workspace, kind, until, requested_by, requested_at FROM (
                SELECT *, row_number() OVER (PARTITION BY workspace ORDER BY requested_at DESC, id DESC) AS recent
                FROM power_overrides WHERE repository = $repository) AS latest
            WHERE recent <= $limit ORDER BY workspace, requested_at, id;
            """,
            ("$repository", repository),
            ("$limit", PowerRecordLimits.OverridesPerWorkspace)))
        {
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new WorkspaceKey(repository, reader.GetString(0));
                if (!overrides.TryGetValue(key, out var list))
                {
                    overrides[key] = list = [];
                }

                list.Add(new PowerOverride(
                    Enum.Parse<PowerOverrideKind>(reader.GetString(1), ignoreCase: true),
                    SqliteValues.ReadNullableTime(reader, 2),
                    reader.GetString(3),
                    SqliteValues.ReadTime(reader, 4)));
            }
        }

        var records = new Dictionary<WorkspaceKey, PowerRecord>();
        await using (var query = SqliteValues.Command(
            connection, null, "SELECT workspace, last_activity_at, expired_at FROM power_records WHERE repository = $repository;", ("$repository", repository)))
        {
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = new WorkspaceKey(repository, reader.GetString(0));
                records[key] = new PowerRecord(
                    overrides.GetValueOrDefault(key) ?? (IReadOnlyList<PowerOverride>)[],
                    SqliteValues.ReadNullableTime(reader, 1),
                    SqliteValues.ReadNullableTime(reader, 2));
            }
        }

        foreach (var (key, list) in overrides.Where(o => !records.ContainsKey(o.Key)))
        {
            records[key] = new PowerRecord(list);
        }

        return records;
    }

    public async Task SavePowerStatusesAsync(string repository, IReadOnlyList<PowerStatus> statuses, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = SqliteValues.Command(connection, transaction, "DELETE FROM power_statuses WHERE repository = $repository;", ("$repository", repository)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var status in statuses)
        {
            await using var insert = SqliteValues.Command(
                connection,
                transaction,
                """
                INSERT INTO power_statuses (repository, workspace, lifecycle, state, reason, next_state, next_at, time_zone, decided_at)
                VALUES ($repository, $workspace, $lifecycle, $state, $reason, $next_state, $next_at, $zone, $at);
                """,
                ("$repository", repository),
                ("$workspace", status.Key.Workspace),
                ("$lifecycle", status.Lifecycle),
                ("$state", status.State),
                ("$reason", SqliteValues.Truncate(status.Reason)),
                ("$next_state", status.NextState),
                ("$next_at", SqliteValues.Time(status.NextAt)),
                ("$zone", status.TimeZone),
                ("$at", SqliteValues.Time(status.DecidedAt)));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<WorkspaceKey, PowerStatus>> ListPowerStatusesAsync(string? repository, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var query = SqliteValues.Command(
            connection,
            null,
            """
            SELECT repository, workspace, lifecycle, state, reason, next_state, next_at, time_zone, decided_at
            FROM power_statuses WHERE $repository IS NULL OR repository = $repository;
            """,
            ("$repository", repository));
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        var statuses = new Dictionary<WorkspaceKey, PowerStatus>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new WorkspaceKey(reader.GetString(0), reader.GetString(1));
            statuses[key] = new PowerStatus(
                key,
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                SqliteValues.ReadNullableString(reader, 5),
                SqliteValues.ReadNullableTime(reader, 6),
                reader.GetString(7),
                SqliteValues.ReadTime(reader, 8));
        }

        return statuses;
    }

    private async Task WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = SqliteValues.Command(connection, null, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
