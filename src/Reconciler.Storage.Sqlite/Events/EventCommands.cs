using System.Data.Common;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Events;

/// <summary>SQL for the append-only <c>events</c> table; there is deliberately no update or delete.</summary>
internal static class EventCommands
{
    public static async Task<AuditEvent> AppendAsync(DbConnection connection, DbTransaction transaction, NewAuditEvent draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = SqliteValues.Truncate(SecretScrubber.ScrubOrNull(draft.Message));
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            """
            INSERT INTO events (time, repository, workspace, commit_sha, actor, action, result, message)
            VALUES ($time, $repository, $workspace, $commit, $actor, $action, $result, $message)
            RETURNING id;
            """,
            ("$time", SqliteValues.Time(now)),
            ("$repository", draft.Repository),
            ("$workspace", draft.Workspace),
            ("$commit", draft.Commit),
            ("$actor", draft.Actor),
            ("$action", draft.Action),
            ("$result", draft.Result),
            ("$message", message));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new AuditEvent(id, now, draft.Repository, draft.Workspace, draft.Commit, draft.Actor, draft.Action, draft.Result, message);
    }

    public static async Task<IReadOnlyList<AuditEvent>> ListAsync(DbConnection connection, AuditEventQuery query, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            null,
            """
            SELECT id, time, repository, workspace, commit_sha, actor, action, result, message
            FROM events
            WHERE id > $after
              AND ($since IS NULL OR time >= $since)
              AND ($repository IS NULL OR repository = $repository)
              AND ($team IS NULL OR EXISTS (
                    SELECT 1 FROM workspaces w
                    WHERE w.repository = events.repository AND w.workspace = events.workspace AND w.team = $team))
            ORDER BY id
            LIMIT $limit;
            """,
            ("$after", query.AfterId),
            ("$since", SqliteValues.Time(query.Since)),
            ("$repository", query.Repository),
            ("$team", query.Team),
            ("$limit", query.Limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AuditEvent(
                reader.GetInt64(0),
                SqliteValues.ReadTime(reader, 1),
                reader.GetString(2),
                SqliteValues.ReadNullableString(reader, 3),
                SqliteValues.ReadNullableString(reader, 4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                SqliteValues.ReadNullableString(reader, 8)));
        }

        return events;
    }
}
