using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>
/// <see cref="AuditEventQuery.Team"/> keeps the events of workspaces whose current status names the team: not other
/// teams', not repository-level events, not those of workspaces whose status is gone; paging still works.
/// </summary>
public sealed class EventTeamFilterTests
{
    [Fact]
    public async Task The_team_filter_keeps_only_events_of_the_teams_current_workspaces()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        WorkspaceKey ml = new("github.com/acme/ml", "trainer"), web = new("github.com/acme/web", "site"), gone = new("github.com/acme/ml", "old");
        await store.SetWorkspaceStatusAsync(new WorkspaceStatusUpdate(ml, [], Team: "ml-research"), CancellationToken.None);
        await store.SetWorkspaceStatusAsync(new WorkspaceStatusUpdate(web, [], Team: "web-team"), CancellationToken.None);
        await store.SetWorkspaceStatusAsync(new WorkspaceStatusUpdate(gone, [], Team: "ml-research"), CancellationToken.None);
        var kept = new List<long>();
        foreach (var key in new[] { ml, web, gone, ml, web, ml })
        {
            var appended = await store.AppendEventAsync(NewAuditEvent.For(key, "c1", "alice", "create", "succeeded"), CancellationToken.None);
            if (key == ml)
            {
                kept.Add(appended.Id);
            }
        }

        await store.AppendEventAsync(new NewAuditEvent(ml.Repository, null, "c1", "alice", "validate", "stalled"), CancellationToken.None);
        await store.DeleteWorkspaceStatusAsync(gone, CancellationToken.None);

        var all = await store.ListEventsAsync(new AuditEventQuery(Team: "ml-research"), CancellationToken.None);
        Assert.Equal(kept, all.Select(e => e.Id));
        var second = await store.ListEventsAsync(new AuditEventQuery(AfterId: kept[0], Limit: 1, Team: "ml-research"), CancellationToken.None);
        Assert.Equal([kept[1]], second.Select(e => e.Id));
        Assert.Empty(await store.ListEventsAsync(new AuditEventQuery(Team: "nobody"), CancellationToken.None));
        Assert.Equal(7, (await store.ListEventsAsync(new AuditEventQuery(), CancellationToken.None)).Count);
    }
}
