using System.Data.Common;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Connections;

namespace Reconciler.Storage.Sqlite.Repositories;

/// <summary>SQL for the <c>repositories</c> table.</summary>
internal static class RepositoryCommands
{
    private const string Columns = "repository, url, last_seen_commit, last_seen_at, last_applied_commit, last_applied_at, last_error";

    public static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, RepositoryState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            transaction,
            $"""
            INSERT INTO repositories ({Columns}, updated_at)
            VALUES ($repository, $url, $seen, $seenAt, $applied, $appliedAt, $error, $now)
            ON CONFLICT (repository) DO UPDATE SET
                url = excluded.url,
                last_seen_commit = excluded.last_seen_commit,
                last_seen_at = excluded.last_seen_at,
                last_applied_commit = excluded.last_applied_commit,
                last_applied_at = excluded.last_applied_at,
                last_error = excluded.last_error,
                updated_at = excluded.updated_at;
            """,
            ("$repository", state.Repository),
            ("$url", state.Url),
            ("$seen", state.LastSeenCommit),
            ("$seenAt", SqliteValues.Time(state.LastSeenAt)),
            ("$applied", state.LastAppliedCommit),
            ("$appliedAt", SqliteValues.Time(state.LastAppliedAt)),
            ("$error", SqliteValues.Truncate(SecretScrubber.ScrubOrNull(state.LastError))),
            ("$now", SqliteValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<RepositoryState>> QueryAsync(DbConnection connection, string? repository, CancellationToken cancellationToken)
    {
        await using var command = SqliteValues.Command(
            connection,
            null,
            $"SELECT {Columns} FROM repositories WHERE $repository IS NULL OR repository = $repository ORDER BY repository;",
            ("$repository", repository));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<RepositoryState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new RepositoryState(
                reader.GetString(0),
                reader.GetString(1),
                SqliteValues.ReadNullableString(reader, 2),
                SqliteValues.ReadNullableTime(reader, 3),
                SqliteValues.ReadNullableString(reader, 4),
                SqliteValues.ReadNullableTime(reader, 5),
                SqliteValues.ReadNullableString(reader, 6)));
        }

        return states;
    }
}
