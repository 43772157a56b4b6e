using System.Data.Common;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Workspaces;

/// <summary>SQL for the <c>workspaces</c> row of a status; conditions are in <see cref="ConditionCommands"/>.</summary>
internal static class WorkspaceCommands
{
    /// <summary>Replaces the descriptive fields (every pass recomputes them).</summary>
    public static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, WorkspaceStatusUpdate update, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            """
            INSERT INTO workspaces (repository, workspace, team, owner, runtime_host, container_id, ports, last_error, updated_at)
            VALUES ($repository, $workspace, $team, $owner, $host, $container, $ports, $error, $now)
            ON CONFLICT (repository, workspace) DO UPDATE SET
                team = excluded.team,
                owner = excluded.owner,
                runtime_host = excluded.runtime_host,
                container_id = excluded.container_id,
                ports = excluded.ports,
                last_error = excluded.last_error,
                updated_at = excluded.updated_at;
            """,
            ("$repository", update.Key.Repository),
            ("$workspace", update.Key.Workspace),
            ("$team", update.Team),
            ("$owner", update.Owner),
            ("$host", update.RuntimeHost),
            ("$container", update.ContainerId),
            ("$ports", SqliteValues.Json(update.Ports ?? [])),
            ("$error", SqliteValues.Truncate(SecretScrubber.ScrubOrNull(update.LastError))),
            ("$now", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates an empty row when there is none, or only bumps <c>updated_at</c>.</summary>
    public static async Task TouchAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            """
            INSERT INTO workspaces (repository, workspace, updated_at) VALUES ($repository, $workspace, $now)
            ON CONFLICT (repository, workspace) DO UPDATE SET updated_at = excluded.updated_at;
            """,
            ("$repository", key.Repository),
            ("$workspace", key.Workspace),
            ("$now", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the row; its conditions go with it (ON DELETE CASCADE).</summary>
    public static async Task<bool> DeleteAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            "DELETE FROM workspaces WHERE repository = $repository AND workspace = $workspace;",
            ("$repository", key.Repository),
            ("$workspace", key.Workspace));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Statuses matching the filters (null = any), with their conditions, ordered by key.</summary>
    public static async Task<IReadOnlyList<WorkspaceStatusRecord>> QueryAsync(
        DbConnection connection,
        DbTransaction? transaction,
        WorkspaceStatusQuery query,
        WorkspaceKey? key,
        CancellationToken cancellationToken)
    {
        const string Filter = """
            ($team IS NULL OR w.team = $team)
            AND ($repository IS NULL OR w.repository = $repository)
            AND ($workspace IS NULL OR w.workspace = $workspace)
            """;
        (string, object?)[] parameters =
        [
            ("$team", query.Team),
            ("$repository", key?.Repository ?? query.Repository),
            ("$workspace", key?.Workspace),
        ];

        var conditions = await ConditionCommands.ReadAsync(connection, transaction, Filter, parameters, cancellationToken);
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            $"""
            SELECT w.repository, w.workspace, w.team, w.owner, w.runtime_host, w.container_id, w.ports, w.last_error, w.updated_at
            FROM workspaces w
            WHERE {Filter}
            ORDER BY w.repository, w.workspace;
            """,
            parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<WorkspaceStatusRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowKey = new WorkspaceKey(reader.GetString(0), reader.GetString(1));
            records.Add(new WorkspaceStatusRecord(
                rowKey,
                SqliteValues.ReadNullableString(reader, 2),
                SqliteValues.ReadNullableString(reader, 3),
                conditions.TryGetValue(rowKey, out var list) ? list : [],
                SqliteValues.ReadNullableString(reader, 4),
                SqliteValues.ReadNullableString(reader, 5),
                SqliteValues.ReadJsonList(reader, 6),
                SqliteValues.ReadNullableString(reader, 7),
                SqliteValues.ReadTime(reader, 8)));
        }

        return records;
    }
}
