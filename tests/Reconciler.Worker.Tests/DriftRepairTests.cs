using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Drift repair by the periodic resync alone (poll interval an hour, resync two seconds): a managed container
/// stopped by hand is started again, one removed by hand is created again, at the same commit.
/// </summary>
public sealed class DriftRepairTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task A_stopped_then_removed_container_is_restored_on_the_next_resync()
    {
        var (work, identity) = _world.CreateRepository("drift");
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("drift"));
        var commit = work.CommitAndPush("add web");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 2s {"}"}
            """);
        var within = TimeSpan.FromSeconds(30);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, within, "the workspace runs");
        var original = (await _world.InspectAsync(identity, "web"))!;
        var name = _world.ContainerName(identity, "web");

        Assert.Equal(0, Reconciler.TestKit.LocalImages.Run("docker", $"stop -t 0 {name}").ExitCode);
        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "web") is { State.Running: true } now && now.ID == original.ID,
            within,
            "the stopped container is started again (same container)");

        Assert.Equal(0, Reconciler.TestKit.LocalImages.Run("docker", $"rm -f {name}").ExitCode);
        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "web") is { State.Running: true } now && now.ID != original.ID,
            within,
            "the removed container is created again");

        var restored = (await _world.InspectAsync(identity, "web"))!;
        Assert.Equal(commit, restored.Config.Labels[Core.Desired.OwnershipLabels.Commit]);
        var events = await _world.Store.ListEventsAsync(new Core.State.AuditEventQuery(Repository: identity), CancellationToken.None);
        Assert.Equal(
            [("create", "Test <test@example.com>"), ("start", "reconciler"), ("create", "reconciler")],
            events.Select(e => (e.Action, e.Actor)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
