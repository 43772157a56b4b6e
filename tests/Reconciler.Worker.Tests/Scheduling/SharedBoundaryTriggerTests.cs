using Reconciler.Core.Desired;

namespace Reconciler.Worker.Tests.Scheduling;

/// <summary>
/// Real Quartz on SQLite with grouped boundaries: workspaces that share an instant share one trigger whose fire
/// enqueues the repository at that instant (never before), every instant of a window is enqueued at its own time,
/// removing one workspace leaves the others scheduled, and the triggers survive a restart.
/// </summary>
public sealed class SharedBoundaryTriggerTests : IAsyncLifetime
{
    private const string Repository = "git.example/team/shared";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reconciler-shared-triggers");
    private string Database => Path.Combine(_folder.FullName, "state.db");

    [Fact]
    public async Task Workspaces_sharing_an_instant_share_one_trigger_and_every_instant_of_the_window_enqueues_the_repository_at_its_time()
    {
        await using var rig = await SchedulerRig.StartAsync(Database, TimeSpan.FromSeconds(2), Window);
        var first = InOneWindow(DateTimeOffset.UtcNow.AddSeconds(4), TimeSpan.FromMilliseconds(700));
        var second = first.AddMilliseconds(700);

        await rig.Scheduler.SyncAsync(Repository, Boundaries(("a", first), ("b", first), ("c", second)), CancellationToken.None);

        var trigger = Assert.Single(rig.StoredTriggers());
        Assert.Equal(first - TimeSpan.FromSeconds(2), trigger.NextFire);
        Assert.Contains("2 instant(s), 3 workspace boundary(ies)", trigger.Description, StringComparison.Ordinal);
        var (key, at) = await rig.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.InRange(at, first - TimeSpan.FromMilliseconds(20), first + TimeSpan.FromSeconds(1));
        (key, at) = await rig.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.InRange(at, second - TimeSpan.FromMilliseconds(20), second + TimeSpan.FromSeconds(1));
        Assert.Equal(2, rig.Recorder.Fired);
        Assert.Empty(rig.StoredTriggers());
    }

    [Fact]
    public async Task Removing_one_workspace_leaves_the_others_scheduled_and_removing_all_leaves_no_trigger()
    {
        await using var rig = await SchedulerRig.StartAsync(Database, TimeSpan.FromSeconds(1), Window);
        var at = DateTimeOffset.UtcNow.AddSeconds(5);
        await rig.Scheduler.SyncAsync(Repository, Boundaries(("a", at), ("b", at)), CancellationToken.None);
        var both = Assert.Single(rig.StoredTriggers());

        await rig.Scheduler.SyncAsync(Repository, Boundaries(("a", at)), CancellationToken.None);

        var one = Assert.Single(rig.StoredTriggers());
        Assert.NotEqual(both.Name, one.Name);
        Assert.Contains("1 instant(s), 1 workspace boundary(ies)", one.Description, StringComparison.Ordinal);
        var (key, enqueuedAt) = await rig.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.True(enqueuedAt >= at - TimeSpan.FromMilliseconds(20), $"enqueued at {enqueuedAt:O}, before the boundary {at:O}");

        var later = DateTimeOffset.UtcNow.AddMinutes(10);
        await rig.Scheduler.SyncAsync(Repository, Boundaries(("a", later), ("b", later.AddMinutes(5))), CancellationToken.None);
        Assert.Equal(2, rig.StoredTriggers().Count);
        await rig.Scheduler.SyncAsync(Repository, Boundaries(), CancellationToken.None);
        Assert.Empty(rig.StoredTriggers());
    }

    [Fact]
    public async Task Triggers_survive_a_restart_an_unchanged_sync_keeps_them_and_they_fire_in_the_new_process()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        string name;
        await using (var before = await SchedulerRig.StartAsync(Database, TimeSpan.FromSeconds(1), Window))
        {
            await before.Scheduler.SyncAsync(Repository, Boundaries(("a", at), ("b", at)), CancellationToken.None);
            name = Assert.Single(before.StoredTriggers()).Name;
        }

        await using var after = await SchedulerRig.StartAsync(Database, TimeSpan.FromSeconds(1), Window);
        Assert.Equal(name, Assert.Single(after.StoredTriggers()).Name);
        await after.Scheduler.SyncAsync(Repository, Boundaries(("a", at), ("b", at)), CancellationToken.None);
        Assert.Equal(name, Assert.Single(after.StoredTriggers()).Name);

        var (key, enqueuedAt) = await after.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.InRange(enqueuedAt, at - TimeSpan.FromMilliseconds(20), at + TimeSpan.FromSeconds(1));
        Assert.Equal(1, after.Recorder.Fired);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static Dictionary<WorkspaceKey, DateTimeOffset> Boundaries(params (string Workspace, DateTimeOffset At)[] boundaries)
        => boundaries.ToDictionary(b => new WorkspaceKey(Repository, b.Workspace), b => b.At);

    /// <summary><paramref name="at"/>, or a second later when <paramref name="span"/> after it would cross into the next window.</summary>
    private static DateTimeOffset InOneWindow(DateTimeOffset at, TimeSpan span)
        => at.UtcTicks / Window.Ticks == (at + span).UtcTicks / Window.Ticks ? at : at.AddSeconds(1);
}
