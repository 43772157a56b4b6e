using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;
using Xunit.Abstractions;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>kill -9 at any point must leave a usable database holding every committed write.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(150)]
    [InlineData(400)]
    [InlineData(900)]
    public async Task A_writer_killed_mid_loop_leaves_a_sound_database_with_every_acknowledged_event(int killAfter)
    {
        using var db = new TestDatabase();
        using (var child = ChildWriter.Start(db.Path))
        {
            await child.WaitForAsync(killAfter, Timeout);
            await child.KillAsync();
            await VerifyAsync(db, child.Acknowledged);
        }

        // A second life on the same file, killed again, must also be recoverable.
        using var again = ChildWriter.Start(db.Path);
        await again.WaitForAsync(killAfter / 2, Timeout);
        await again.KillAsync();
        await VerifyAsync(db, again.Acknowledged);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(150)]
    [InlineData(300)]
    public async Task A_writer_killed_while_it_may_still_be_migrating_leaves_an_openable_database(int delayMs)
    {
        using var db = new TestDatabase();
        using var child = ChildWriter.Start(db.Path);
        await Task.Delay(delayMs);
        await child.KillAsync();

        await VerifyAsync(db, child.Acknowledged);
    }

    private async Task VerifyAsync(TestDatabase db, IReadOnlyDictionary<long, string> acknowledged)
    {
        using var store = await db.OpenAsync();
        Assert.Equal(8, store.SchemaVersion);
        Assert.Equal("ok", db.Scalar<string>("PRAGMA integrity_check;"));
        Assert.Empty(db.Column("PRAGMA foreign_key_check;"));

        var stored = new Dictionary<long, string?>();
        long after = 0;
        IReadOnlyList<AuditEvent> page;
        while ((page = await store.ListEventsAsync(new AuditEventQuery(AfterId: after, Limit: AuditEventQuery.MaxLimit), CancellationToken.None)).Count > 0)
        {
            foreach (var e in page)
            {
                stored[e.Id] = e.Message;
            }

            after = page[^1].Id;
        }

        output.WriteLine($"acknowledged {acknowledged.Count}, stored {stored.Count}");
        Assert.True(stored.Count >= acknowledged.Count);
        foreach (var (id, message) in acknowledged)
        {
            Assert.True(stored.TryGetValue(id, out var found), $"acknowledged event {id} is missing");
            Assert.Equal(message, found);
        }

        // Each iteration merged all five conditions in one transaction: they are all from the same iteration.
        foreach (var status in await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, CancellationToken.None))
        {
            Assert.Equal(Enum.GetValues<WorkspaceConditionType>().Length, status.Conditions.Count);
            Assert.Single(status.Conditions.Select(c => (c.Message, c.Status)).Distinct());
        }

        var next = await store.AppendEventAsync(Some.Event("after the crash"), CancellationToken.None);
        Assert.True(stored.Count == 0 || next.Id > stored.Keys.Max());
    }
}
