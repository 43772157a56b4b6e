using Microsoft.Data.Sqlite;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class EventPagingTests
{
    [Fact]
    public async Task Pages_after_an_id_return_every_event_once_in_order()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        for (var i = 0; i < 25; i++)
        {
            await store.AppendEventAsync(Some.Event($"e{i}"), CancellationToken.None);
            db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var pages = new List<IReadOnlyList<AuditEvent>>();
        long after = 0;
        while (true)
        {
            var page = await store.ListEventsAsync(new AuditEventQuery(AfterId: after, Limit: 10), CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            after = page[^1].Id;
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"e{i}"), all.Select(e => e.Message));
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(25, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(all.Select(e => e.Time).Order(), all.Select(e => e.Time));
    }

    [Fact]
    public async Task Events_since_a_time_and_of_one_repository()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var start = db.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await store.AppendEventAsync(Some.Event($"e{i}", i % 2 == 0 ? Some.Repository : "github.com/acme/web"), CancellationToken.None);
            db.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var since = await store.ListEventsAsync(new AuditEventQuery(Since: start.AddMinutes(3)), CancellationToken.None);
        var web = await store.ListEventsAsync(new AuditEventQuery(Repository: "github.com/acme/web", Limit: 2), CancellationToken.None);

        Assert.Equal(["e3", "e4", "e5"], since.Select(e => e.Message));
        Assert.Equal(start.AddMinutes(3), since[0].Time);
        Assert.Equal(["e1", "e3"], web.Select(e => e.Message));
    }

    [Fact]
    public async Task An_appended_event_reads_back_as_written()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        var written = await store.AppendEventAsync(new NewAuditEvent(Some.Repository, null, null, "api:ada", "apply", "blocked", null), CancellationToken.None);
        var read = Assert.Single(await store.ListEventsAsync(new(), CancellationToken.None));

        Assert.Equal(written, read);
        Assert.Equal(db.Clock.GetUtcNow(), read.Time);
        Assert.True(read.Id > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AuditEventQuery.MaxLimit + 1)]
    public async Task A_limit_out_of_range_is_refused(int limit)
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListEventsAsync(new AuditEventQuery(Limit: limit), CancellationToken.None));
    }

    [Theory]
    [InlineData("UPDATE events SET result = 'succeeded';")]
    [InlineData("DELETE FROM events;")]
    public async Task The_event_log_refuses_updates_and_deletes_even_behind_the_store(string sql)
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await store.AppendEventAsync(Some.Event("failed once") with { Result = "failed" }, CancellationToken.None);

        var error = Assert.Throws<SqliteException>(() => db.Execute(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("failed", Assert.Single(await store.ListEventsAsync(new(), CancellationToken.None)).Result);
    }
}
