using Npgsql;
using Reconciler.Core.State;
using Reconciler.Storage.Postgres.Connections;

namespace Reconciler.Storage.Postgres.Repositories;

/// <summary>SQL for the <c>repositories</c> table.</summary>
internal static class RepositoryCommands
{
    private const string Columns = "repository, url, last_seen_commit, last_seen_at, last_applied_commit, last_applied_at, last_error";

    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RepositoryState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = PgValues.Command(
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
            ("$seenAt", PgValues.Time(state.LastSeenAt)),
            ("$applied", state.LastAppliedCommit),
            ("$appliedAt", PgValues.Time(state.LastAppliedAt)),
            ("$error", PgValues.Truncate(SecretScrubber.ScrubOrNull(state.LastError))),
            ("$now", PgValues.Time(now)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<RepositoryState>> QueryAsync(NpgsqlConnection connection, string? repository, CancellationToken cancellationToken)
    {
        await using var command = PgValues.Command(
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
                PgValues.ReadNullableString(reader, 2),
                PgValues.ReadNullableTime(reader, 3),
                PgValues.ReadNullableString(reader, 4),
                PgValues.ReadNullableTime(reader, 5),
                PgValues.ReadNullableString(reader, 6)));
        }

        return states;
    }
}
