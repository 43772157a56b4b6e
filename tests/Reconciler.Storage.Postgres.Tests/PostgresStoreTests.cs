using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Access;
using Reconciler.Storage.Sqlite.Previews;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Postgres.Tests;

/// <summary>The stores beside IStateStore on PostgreSQL, the append-only audit log, and secrets at rest.</summary>
public sealed class PostgresStoreTests
{
    [Fact]
    public async Task Events_are_append_only_even_for_raw_SQL()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await store.AppendEventAsync(Some.Event("kept"), CancellationToken.None);

        foreach (var sql in new[] { "UPDATE events SET message = 'changed';", "DELETE FROM events;", "TRUNCATE events;" })
        {
            var error = Assert.Throws<PostgresException>(() => db.Execute(sql));
            Assert.Contains("events are append-only", error.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal("kept", Assert.Single(await store.ListEventsAsync(new(), CancellationToken.None)).Message);
    }

    [Fact]
    public async Task Parallel_writers_get_event_ids_in_time_order_with_no_gap()
    {
        using var db = new TestDatabase();
        using var store = await PostgresStateStore.OpenAsync(db.Options, TimeProvider.System, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await store.AppendEventAsync(Some.Event($"w{w}-{i}"), CancellationToken.None);
                await store.SetConditionsAsync(Some.Key($"ws{w}"), [Some.Condition(WorkspaceConditionType.Ready, i % 2 == 0)], CancellationToken.None);
            }
        })));

        var events = new List<AuditEvent>();
        long after = 0;
        while (await store.ListEventsAsync(new AuditEventQuery(AfterId: after, Limit: 50), CancellationToken.None) is { Count: > 0 } page)
        {
            events.AddRange(page);
            after = page[^1].Id;
        }

        Assert.Equal(200, events.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), events.Select(e => e.Id));
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Time <= p.Second.Time), "event times follow id order");
        Assert.Equal(8, (await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_generated_secret_is_stable_and_never_in_a_dump_of_the_database_in_plaintext()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var secrets = new WorkspaceSecretStore(store, new SecretBox(RandomNumberGenerator.GetBytes(32)));
        var tokens = new ConnectionTokenStore(store);

        var secret = await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None);
        var token = await tokens.IssueAsync(Some.Key(), CancellationToken.None);

        Assert.Equal(secret, await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None));
        Assert.Equal(secret, await secrets.FindAsync(Some.Key(), "jupyter", CancellationToken.None));
        Assert.Equal(Some.Key(), await tokens.FindAsync(token, CancellationToken.None));
        var dump = await DumpAsync(db);
        Assert.Contains("workspace_secrets", dump, StringComparison.Ordinal);
        Assert.Contains(Some.Repository, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, dump, StringComparison.OrdinalIgnoreCase);

        Assert.True(await tokens.RevokeAsync(Some.Key(), CancellationToken.None));
        Assert.Null(await tokens.FindAsync(token, CancellationToken.None));
        await tokens.IssueAsync(Some.Key(), CancellationToken.None);
        await store.DeleteWorkspaceStatusAsync(Some.Key(), CancellationToken.None);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM workspace_secrets;"));
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM connection_tokens;"));
    }

    [Fact]
    public async Task Preview_expiries_and_Jumpserver_registrations_survive_a_restart()
    {
        using var db = new TestDatabase();
        var at = db.Clock.GetUtcNow();
        using (var store = await db.OpenAsync())
        {
            var previews = new PreviewExpiryStore(store);
            await previews.SetAsync(new PreviewExpiry("github.com/acme/ml", 7, at), CancellationToken.None);
            await previews.SetAsync(new PreviewExpiry("github.com/acme/ml", 7, at.AddHours(1)), CancellationToken.None);
            await previews.SetAsync(new PreviewExpiry("github.com/acme/ml", 8, at), CancellationToken.None);
            await previews.ForgetAsync("github.com/acme/ml", 8, CancellationToken.None);

            var registrations = new JumpserverRegistrationStore(store);
            await registrations.SetAsync(new JumpserverRegistration("github.com/acme/ml", "gpu-dev", "asset-1", "fp-1", at), CancellationToken.None);
            await registrations.SetAsync(new JumpserverRegistration("github.com/acme/ml", "gpu-dev", "asset-2", "fp-2", at), CancellationToken.None);
            await registrations.SetAsync(new JumpserverRegistration("github.com/acme/ml", "gone", "asset-3", "fp-3", at), CancellationToken.None);
            await registrations.ForgetAsync("github.com/acme/ml", "gone", CancellationToken.None);
        }

        using var reopened = await db.OpenAsync();
        Assert.Equal([new PreviewExpiry("github.com/acme/ml", 7, at.AddHours(1))], await new PreviewExpiryStore(reopened).ListAsync(CancellationToken.None));
        Assert.Equal(
            [new JumpserverRegistration("github.com/acme/ml", "gpu-dev", "asset-2", "fp-2", at)],
            await new JumpserverRegistrationStore(reopened).ListAsync(CancellationToken.None));
    }

    /// <summary>pg_dump of the whole database (schema and data), as the role the store uses.</summary>
    private static async Task<string> DumpAsync(TestDatabase db)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.Database.ConnectionString);
        var start = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_dump failed: {await error}");
        return await output;
    }
}
