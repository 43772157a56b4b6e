using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;
using static Reconciler.Core.State.WorkspaceConditionType;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class ParallelWriterTests
{
    private const int Writers = 8;
    private const int EventsPerWriter = 200;

    [Fact]
    public async Task Eight_writers_lose_no_event_and_keep_each_writers_order()
    {
        using var db = new TestDatabase();
        using var store = await SqliteStateStore.OpenAsync(db.Options, TimeProvider.System, CancellationToken.None);
        using var start = new Barrier(Writers);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            start.SignalAndWait();
            var key = Some.Key($"w{w}");
            for (var i = 0; i < EventsPerWriter; i++)
            {
                await store.AppendEventAsync(Some.Event($"{w}:{i}", workspace: key.Workspace), CancellationToken.None);
                if (i % 20 == 0)
                {
                    await store.SetConditionsAsync(key, [Some.Condition(Ready, i % 40 == 0, "Tick", $"{i}")], CancellationToken.None);
                }
            }
        })));

        var events = await ReadAll(store);
        Assert.Equal(Writers * EventsPerWriter, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        foreach (var writer in events.GroupBy(e => e.Workspace))
        {
            Assert.Equal(Enumerable.Range(0, EventsPerWriter), writer.Select(e => int.Parse(e.Message!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var statuses = await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, CancellationToken.None);
        Assert.Equal(Writers, statuses.Count);
        Assert.All(statuses, s => Assert.Equal("180", Assert.Single(s.Conditions).Message));
        Assert.Equal("ok", db.Scalar<string>("PRAGMA integrity_check;"));
    }

    private static async Task<List<AuditEvent>> ReadAll(SqliteStateStore store)
    {
        var all = new List<AuditEvent>();
        while (true)
        {
            var page = await store.ListEventsAsync(new AuditEventQuery(AfterId: all.Count == 0 ? 0 : all[^1].Id, Limit: AuditEventQuery.MaxLimit), CancellationToken.None);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }
}
