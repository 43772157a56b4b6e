using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Triggers are re-derived from the files on every pass: a changed schedule replaces the old trigger, a lifecycle
/// without boundaries and a removed workspace leave none. An invalid lifecycle stalls only its own repository.
/// </summary>
public sealed class ScheduleChangeTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task A_changed_schedule_replaces_the_trigger_and_a_removed_workspace_removes_it()
    {
        var (work, identity) = _world.CreateRepository("change");
        var key = new WorkspaceKey(identity, "web").ToString();
        work.Write(Files.WorkspaceFile, Schedules.Workspace("""{ policy: scheduled, timezone: Asia/Shanghai, start: "0 0 9 ? * MON-FRI", stop: "0 0 21 ? * MON-FRI" }"""))
            .Write(Files.DevcontainerFile, Files.Devcontainer("change"));
        work.CommitAndPush("weekdays");
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1s }
            server: { listen: "http://127.0.0.1:0" }
            """);
        var within = TimeSpan.FromSeconds(30);
        await _world.EventuallyAsync(() => Task.FromResult(Schedules.Triggers(_world).ContainsKey(key)), within, "the weekday schedule has a trigger");
        var weekday = Schedules.Triggers(_world)[key]!.Value;
        Assert.Equal(0, weekday.Minute);
        Assert.Contains(weekday.Hour, new[] { 1, 13 }); // 09:00 or 21:00 Shanghai

        // 12:34:56 UTC every day: the old trigger is replaced, not kept beside the new one.
        work.Write(Files.WorkspaceFile, Schedules.Workspace("""{ policy: scheduled, start: "56 34 12 * * ?", stop: "56 34 13 * * ?" }"""));
        work.CommitAndPush("daily, UTC");
        await _world.EventuallyAsync(
            () => Task.FromResult(Schedules.Triggers(_world).GetValueOrDefault(key) is { } at && at.Minute == 34 && at.Second == 56),
            within,
            "the trigger moves to the new schedule");
        Assert.Single(Schedules.Triggers(_world), t => t.Key.StartsWith(identity, StringComparison.Ordinal));

        // Persistent: nothing to wake for.
        work.Write(Files.WorkspaceFile, Files.Workspace());
        work.CommitAndPush("persistent");
        await _world.EventuallyAsync(() => Task.FromResult(!Schedules.Triggers(_world).ContainsKey(key)), within, "a persistent workspace has no trigger");

        // Scheduled again, then removed from the file: its trigger goes with it.
        work.Write(Files.WorkspaceFile, Schedules.Workspace("""{ policy: scheduled, start: "56 34 12 * * ?", stop: "56 34 13 * * ?" }"""));
        work.CommitAndPush("daily again");
        await _world.EventuallyAsync(() => Task.FromResult(Schedules.Triggers(_world).ContainsKey(key)), within, "scheduled again");
        work.Write(Files.WorkspaceFile, "version: 1\nworkspaces: []\n");
        work.CommitAndPush("remove web");
        await _world.EventuallyAsync(() => Task.FromResult(!Schedules.Triggers(_world).ContainsKey(key)), within, "the removed workspace has no trigger");
    }

    [Theory]
    [InlineData("""{ policy: scheduled, start: "0 0 25 * * ?", stop: "0 0 21 * * ?" }""", "RC0107")]
    [InlineData("""{ policy: scheduled, timezone: Mars/Olympus_Mons, start: "0 0 9 * * ?", stop: "0 0 21 * * ?" }""", "RC0108")]
    [InlineData("""{ policy: scheduled, stop: "0 0 21 * * ?" }""", "RC0104")]
    [InlineData("""{ policy: persistent, ttl: 2h }""", "RC0109")]
    public async Task An_invalid_lifecycle_stalls_its_repository_at_the_line_and_the_others_converge(string lifecycle, string code)
    {
        var (bad, badIdentity) = _world.CreateRepository("bad");
        var (good, goodIdentity) = _world.CreateRepository("good");
        bad.Write(Files.WorkspaceFile, Schedules.Workspace(lifecycle)).Write(Files.DevcontainerFile, Files.Devcontainer("bad"));
        bad.CommitAndPush("invalid lifecycle");
        good.Write(Files.WorkspaceFile, Schedules.Workspace("""{ policy: scheduled, start: "0 0 0 * * ?", stop: "59 59 23 * * ?" }""")).Write(Files.DevcontainerFile, Files.Devcontainer("good"));
        good.CommitAndPush("valid lifecycle");
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{bad.Url}}, pollInterval: 1h }
              - { url: {{good.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            """);

        await _world.EventuallyAsync(async () => (await _world.InspectAsync(goodIdentity, "web")) is not null, TimeSpan.FromSeconds(30), "the valid repository converges");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetRepositoryAsync(badIdentity, CancellationToken.None))?.LastError?.Contains(code, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30),
            "the invalid repository is stalled with " + code);
        var error = (await _world.Store.GetRepositoryAsync(badIdentity, CancellationToken.None))!.LastError!;
        Assert.StartsWith("Stalled: invalid workspace files", error, StringComparison.Ordinal);
        Assert.Matches(@"\.daytona/workspace\.yaml:[45]:\d+", error);
        Assert.Null(await _world.InspectAsync(badIdentity, "web"));
        var events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: badIdentity), CancellationToken.None);
        Assert.Contains(events, e => e is { Action: "validate", Result: "stalled" });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
