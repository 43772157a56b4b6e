using Microsoft.Data.Sqlite;
using Quartz;
using Reconciler.Core.Desired;
using Reconciler.Scheduling;

namespace Reconciler.Worker.Tests.Scheduling;

/// <summary>
/// Real Quartz on SQLite with windows shared across repositories: every repository with a boundary in a window shares
/// the window's one trigger, and each is enqueued at its own instant (never before); a sync writes only what changed;
/// a changed schedule or a removed workspace or repository leaves nothing to wake at the old instant; rows and
/// triggers survive a restart, and a window that came due while the worker was down fires at start; a trigger stored
/// by the per-repository layout still fires once, and the repository's first sync replaces that layout.
/// </summary>
public sealed class SharedBoundaryTriggerTests : IAsyncLifetime
{
    private const string Repository = "git.example/team/shared";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FireAhead = TimeSpan.FromSeconds(2);

    // Far enough ahead that the window's trigger fires after the sync, on a loaded machine too (the sync hands over
    // boundaries whose window fires within the batch window plus HandOverMargin itself, and stores no trigger).
    private static readonly TimeSpan Lead = FireAhead + TimeSpan.FromSeconds(14);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(45);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("reconciler-shared-triggers");
    private string Database => Path.Combine(_folder.FullName, "state.db");

    [Fact]
    public async Task Repositories_with_boundaries_in_one_window_share_one_trigger_and_each_is_enqueued_at_its_own_instant()
    {
        await using var rig = await SchedulerRig.StartAsync(Database, FireAhead, Window);
        var window = NextWindow();
        var (one, two, three) = (window.AddMilliseconds(300), window.AddMilliseconds(1300), window.AddMilliseconds(2300));

        await rig.Scheduler.SyncAsync("git.example/a", Boundaries("git.example/a", ("web", one), ("db", one)), CancellationToken.None);
        await rig.Scheduler.SyncAsync("git.example/b", Boundaries("git.example/b", ("web", two)), CancellationToken.None);
        await rig.Scheduler.SyncAsync("git.example/c", Boundaries("git.example/c", ("web", three)), CancellationToken.None);

        var trigger = Assert.Single(rig.StoredTriggers());
        Assert.Equal(BoundaryKeys.WindowTrigger(window.UtcTicks).Name, trigger.Name);
        Assert.Equal(window - FireAhead, trigger.NextFire);
        Assert.Equal(4, rig.StoredRows().Count);
        foreach (var (repository, at) in new[] { ("git.example/a", one), ("git.example/b", two), ("git.example/c", three) })
        {
            var (key, enqueuedAt) = await rig.TakeAsync(Within);
            Assert.Equal(repository, key.Repository);
            Assert.InRange(enqueuedAt, at - TimeSpan.FromMilliseconds(20), at + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, rig.Recorder.Fired);
        Assert.Empty(rig.StoredTriggers());
    }

    [Fact]
    public async Task A_changed_schedule_moves_the_row_and_the_old_instant_enqueues_nothing()
    {
        await using var rig = await SchedulerRig.StartAsync(Database, FireAhead, Window);
        var window = NextWindow();
        var old = window.AddSeconds(1);
        var moved = window + Window + TimeSpan.FromSeconds(1);
        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("web", old)), CancellationToken.None);

        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("web", moved)), CancellationToken.None);

        Assert.Equal([(Repository, "web", moved)], rig.StoredRows());
        Assert.Equal(2, rig.StoredTriggers().Count);
        var (key, enqueuedAt) = await rig.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.True(enqueuedAt >= moved - TimeSpan.FromMilliseconds(20), $"enqueued at {enqueuedAt:O}: the old instant {old:O} still woke it (moved to {moved:O})");
        Assert.Equal(1, rig.Recorder.Fired);
    }

    [Fact]
    public async Task A_sync_writes_only_what_changed_and_a_removed_workspace_or_repository_leaves_nothing_to_wake()
    {
        await using var rig = await SchedulerRig.StartAsync(Database, FireAhead, Window);
        var at = NextWindow().AddSeconds(1);
        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at), ("b", at)), CancellationToken.None);
        CountWrites();

        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at), ("b", at)), CancellationToken.None);
        Assert.Equal(0, Writes());

        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at)), CancellationToken.None);
        Assert.Equal(1, Writes());
        Assert.Equal([(Repository, "a", at)], rig.StoredRows());
        Assert.Single(rig.StoredTriggers());

        await rig.Scheduler.SyncAsync(Repository, Boundaries(Repository), CancellationToken.None);
        Assert.Empty(rig.StoredRows());

        // The window's trigger still fires (other repositories could have rows in it) and finds nothing to wake.
        await EventuallyAsync(() => rig.StoredTriggers().Count == 0 && DateTimeOffset.UtcNow > at + TimeSpan.FromSeconds(2), "the window fired and its instant passed");
        Assert.Equal(0, rig.Recorder.Fired);
        Assert.Equal(0, rig.Queue.Depth);
    }

    [Fact]
    public async Task Rows_and_the_window_trigger_survive_a_restart_an_unchanged_sync_writes_nothing_and_they_fire_in_the_new_process()
    {
        var at = NextWindow().AddSeconds(1);
        string name;
        await using (var before = await SchedulerRig.StartAsync(Database, FireAhead, Window))
        {
            await before.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at), ("b", at)), CancellationToken.None);
            name = Assert.Single(before.StoredTriggers()).Name;
        }

        await using var after = await SchedulerRig.StartAsync(Database, FireAhead, Window);
        Assert.Equal(name, Assert.Single(after.StoredTriggers()).Name);
        CountWrites();
        await after.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at), ("b", at)), CancellationToken.None);
        Assert.Equal(0, Writes());
        Assert.Equal(name, Assert.Single(after.StoredTriggers()).Name);

        var (key, enqueuedAt) = await after.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.InRange(enqueuedAt, at - TimeSpan.FromMilliseconds(20), at + TimeSpan.FromSeconds(1));
        Assert.Equal(1, after.Recorder.Fired);
    }

    [Fact]
    public async Task A_window_that_came_due_while_the_worker_was_down_fires_at_start()
    {
        var at = NextWindow().AddSeconds(1);
        await using (var before = await SchedulerRig.StartAsync(Database, FireAhead, Window))
        {
            await before.Scheduler.SyncAsync(Repository, Boundaries(Repository, ("a", at)), CancellationToken.None);
            Assert.Single(before.StoredTriggers());
        }

        // Down across the window's fire and the boundary itself.
        await EventuallyAsync(() => DateTimeOffset.UtcNow > at + TimeSpan.FromSeconds(1), "the boundary passed while down");
        await using var after = await SchedulerRig.StartAsync(Database, FireAhead, Window);

        var (key, enqueuedAt) = await after.TakeAsync(Within);
        Assert.Equal(Repository, key.Repository);
        Assert.True(enqueuedAt > at, $"enqueued at {enqueuedAt:O}, before the boundary {at:O}");
        Assert.Equal(1, after.Recorder.Fired);
        Assert.Empty(after.StoredTriggers());
    }

    [Fact]
    public async Task A_trigger_stored_by_the_per_repository_layout_fires_once_and_the_repositorys_first_sync_replaces_that_layout()
    {
        const string Untouched = "git.example/team/legacy-fires";
        const string Synced = "git.example/team/legacy-replaced";
        var window = NextWindow();
        var (first, second) = (window.AddMilliseconds(500), window + Window + TimeSpan.FromSeconds(1));
        await using (var earlier = await SchedulerRig.StartAsync(Database, FireAhead, Window))
        {
            // Exactly what the previous version stored: one job per repository, one trigger per group of its boundaries.
            await StoreLegacyAsync(earlier.Quartz, Untouched, first);
            await StoreLegacyAsync(earlier.Quartz, Synced, second);
            Assert.Equal(2, earlier.StoredTriggers().Count);
        }

        await using var rig = await SchedulerRig.StartAsync(Database, FireAhead, Window);
        await rig.Scheduler.SyncAsync(Synced, Boundaries(Synced, ("web", second)), CancellationToken.None);

        Assert.DoesNotContain(BoundaryKeys.Job(Synced).Name, rig.StoredJobs());
        Assert.Contains(BoundaryKeys.Job(Untouched).Name, rig.StoredJobs());
        Assert.Equal([(Synced, "web", second)], rig.StoredRows());
        var (key, enqueuedAt) = await rig.TakeAsync(Within);
        Assert.Equal(Untouched, key.Repository);
        Assert.InRange(enqueuedAt, first - TimeSpan.FromMilliseconds(20), first + TimeSpan.FromSeconds(1));
        (key, enqueuedAt) = await rig.TakeAsync(Within);
        Assert.Equal(Synced, key.Repository);
        Assert.InRange(enqueuedAt, second - TimeSpan.FromMilliseconds(20), second + TimeSpan.FromSeconds(1));
        await EventuallyAsync(() => rig.StoredJobs().SequenceEqual([BoundaryKeys.WindowJob.Name]), "only the window job is left");
        Assert.Equal(2, rig.Recorder.Fired);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static async Task StoreLegacyAsync(IScheduler quartz, string repository, DateTimeOffset at)
    {
        var group = Assert.Single(BoundaryGroup.Of(Boundaries(repository, ("web", at)), TimeSpan.FromMinutes(1)));
        var job = JobBuilder.Create<BoundaryJob>()
            .WithIdentity(BoundaryKeys.Job(repository))
            .WithDescription(repository)
            .UsingJobData(BoundaryKeys.RepositoryData, repository)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(BoundaryKeys.Trigger(repository, group))
            .ForJob(job.Key)
            .UsingJobData(BoundaryKeys.BoundariesData, group.Text)
            .StartAt(group.FireAt - FireAhead)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await quartz.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing);
    }

    private static Dictionary<WorkspaceKey, DateTimeOffset> Boundaries(string repository, params (string Workspace, DateTimeOffset At)[] boundaries)
        => boundaries.ToDictionary(b => new WorkspaceKey(repository, b.Workspace), b => b.At);

    /// <summary>The start of the first window at least <see cref="Lead"/> ahead.</summary>
    private static DateTimeOffset NextWindow()
    {
        var earliest = (DateTimeOffset.UtcNow + Lead).UtcTicks;
        return new DateTimeOffset((earliest + Window.Ticks - 1) / Window.Ticks * Window.Ticks, TimeSpan.Zero);
    }

    /// <summary>From now on, counts the rows inserted into or deleted from the boundary rows, and the Quartz triggers inserted.</summary>
    private void CountWrites()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS test_writes (n INTEGER NOT NULL);
            DELETE FROM test_writes;
            INSERT INTO test_writes VALUES (0);
            CREATE TRIGGER IF NOT EXISTS test_rows_in AFTER INSERT ON lifecycle_boundaries BEGIN UPDATE test_writes SET n = n + 1; END;
            CREATE TRIGGER IF NOT EXISTS test_rows_out AFTER DELETE ON lifecycle_boundaries BEGIN UPDATE test_writes SET n = n + 1; END;
            CREATE TRIGGER IF NOT EXISTS test_triggers_in AFTER INSERT ON QRTZ_TRIGGERS BEGIN UPDATE test_writes SET n = n + 1; END;
            """;
        command.ExecuteNonQuery();
    }

    private long Writes()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM test_writes;";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + Within;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"not within {Within}: {what}");
            await Task.Delay(100);
        }
    }
}
