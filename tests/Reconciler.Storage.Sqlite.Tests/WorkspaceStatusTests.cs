using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;
using static Reconciler.Core.State.WorkspaceConditionType;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class WorkspaceStatusTests
{
    [Fact]
    public async Task A_status_round_trips_and_the_next_pass_replaces_its_fields()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var key = Some.Key();
        var update = new WorkspaceStatusUpdate(key, [Some.Condition(Ready, true, "Running")], "ml-platform", "ada", "default", "4f2a9c", ["127.0.0.1:8888->8888/tcp"]);

        var written = await store.SetWorkspaceStatusAsync(update, CancellationToken.None);

        var read = (await store.GetWorkspaceStatusAsync(key, CancellationToken.None))!;
        Assert.Equal(written.Conditions, read.Conditions);
        Assert.Equal(written.Ports, read.Ports);
        Assert.Equal(written with { Conditions = read.Conditions, Ports = read.Ports }, read);
        Assert.Equal(("ml-platform", "ada", "default", "4f2a9c"), (read.Team, read.Owner, read.RuntimeHost, read.ContainerId));
        Assert.Equal(["127.0.0.1:8888->8888/tcp"], read.Ports);
        Assert.Equal(db.Clock.GetUtcNow(), read.UpdatedAt);
        Assert.Equal(("Running", true), (read.Condition(Ready)!.Reason, read.Condition(Ready)!.Status));

        var stopped = await store.SetWorkspaceStatusAsync(
            new WorkspaceStatusUpdate(key, [Some.Condition(Ready, false, "Stopped")], "ml-platform", "ada", "default", LastError: "stopped by schedule"),
            CancellationToken.None);

        Assert.Null(stopped.ContainerId);
        Assert.Empty(stopped.Ports);
        Assert.Equal("stopped by schedule", stopped.LastError);
        Assert.False(stopped.Condition(Ready)!.Status);
    }

    [Fact]
    public async Task Statuses_are_filtered_by_team_and_by_repository()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await Report(store, Some.Key("a"), "ml");
        await Report(store, Some.Key("b"), "web");
        await Report(store, Some.Key("c", "github.com/acme/other"), "ml");
        await Report(store, Some.Key("d"), null);

        var ml = await store.ListWorkspaceStatusesAsync(new WorkspaceStatusQuery(Team: "ml"), CancellationToken.None);
        var mlHere = await store.ListWorkspaceStatusesAsync(new WorkspaceStatusQuery("ml", Some.Repository), CancellationToken.None);
        var all = await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, CancellationToken.None);

        Assert.Equal(["github.com/acme/ml/a", "github.com/acme/other/c"], ml.Select(s => s.Key.ToString()));
        Assert.All(ml, s => Assert.Equal(Ready, Assert.Single(s.Conditions).Type));
        Assert.Equal(["a"], mlHere.Select(s => s.Key.Workspace));
        Assert.Equal(["a", "b", "d", "c"], all.Select(s => s.Key.Workspace));
        Assert.Empty(await store.ListWorkspaceStatusesAsync(new WorkspaceStatusQuery(Team: "nobody"), CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_removed_workspace_drops_its_conditions_but_not_its_events()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var key = Some.Key();
        await Report(store, key, "ml");
        await Report(store, Some.Key("kept"), "ml");
        await store.AppendEventAsync(NewAuditEvent.For(key, "abc", "ada", "remove", "succeeded"), CancellationToken.None);

        Assert.True(await store.DeleteWorkspaceStatusAsync(key, CancellationToken.None));
        Assert.False(await store.DeleteWorkspaceStatusAsync(key, CancellationToken.None));

        Assert.Null(await store.GetWorkspaceStatusAsync(key, CancellationToken.None));
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM workspace_conditions WHERE workspace = 'gpu-dev';"));
        Assert.Equal(1L, db.Scalar<long>("SELECT count(*) FROM workspace_conditions WHERE workspace = 'kept';"));
        Assert.Single(await store.ListEventsAsync(new(), CancellationToken.None));
    }

    private static Task<WorkspaceStatusRecord> Report(IStateStore store, Core.Desired.WorkspaceKey key, string? team)
        => store.SetWorkspaceStatusAsync(new WorkspaceStatusUpdate(key, [Some.Condition(Ready, true, "Running")], team), CancellationToken.None);
}
