using System.Data.Common;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Workspaces;

/// <summary>SQL for <c>workspace_conditions</c>: one row per workspace and condition type.</summary>
internal static class ConditionCommands
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, WorkspaceKey key, IReadOnlyList<WorkspaceCondition> conditions, CancellationToken cancellationToken)
    {
        foreach (var condition in conditions)
        {
            await using var command = SqliteValues.Command(
                connection,
                transaction,
                """
                INSERT INTO workspace_conditions (repository, workspace, type, status, reason, message, observed_commit, last_transition_time)
                VALUES ($repository, $workspace, $type, $status, $reason, $message, $commit, $transition)
                ON CONFLICT (repository, workspace, type) DO UPDATE SET
                    status = excluded.status,
                    reason = excluded.reason,
                    message = excluded.message,
                    observed_commit = excluded.observed_commit,
                    last_transition_time = excluded.last_transition_time;
                """,
                ("$repository", key.Repository),
                ("$workspace", key.Workspace),
                ("$type", condition.Type.ToString()),
                ("$status", condition.Status ? 1 : 0),
                ("$reason", condition.Reason),
                ("$message", SqliteValues.Truncate(condition.Message)),
                ("$commit", condition.ObservedCommit),
                ("$transition", SqliteValues.Time(condition.LastTransitionTime)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Conditions of the workspaces (alias <c>w</c>) matching <paramref name="filter"/>, grouped by key and ordered by type.</summary>
    public static async Task<IReadOnlyDictionary<WorkspaceKey, IReadOnlyList<WorkspaceCondition>>> ReadAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string filter,
        (string Name, object? Value)[] parameters,
        CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            $"""
            SELECT c.repository, c.workspace, c.type, c.status, c.reason, c.message, c.observed_commit, c.last_transition_time
            FROM workspace_conditions c
            JOIN workspaces w ON w.repository = c.repository AND w.workspace = c.workspace
            WHERE {filter};
            """,
            parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var grouped = new Dictionary<WorkspaceKey, List<WorkspaceCondition>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new WorkspaceKey(reader.GetString(0), reader.GetString(1));
            if (!grouped.TryGetValue(key, out var list))
            {
                grouped[key] = list = [];
            }

            list.Add(new WorkspaceCondition(
                Enum.Parse<WorkspaceConditionType>(reader.GetString(2)),
                reader.GetInt64(3) == 1,
                reader.GetString(4),
                reader.GetString(5),
                SqliteValues.ReadNullableString(reader, 6),
                SqliteValues.ReadTime(reader, 7)));
        }

        return grouped.ToDictionary(g => g.Key, g => (IReadOnlyList<WorkspaceCondition>)[.. g.Value.OrderBy(c => c.Type)]);
    }
}
