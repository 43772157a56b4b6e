using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>selfHeal: false</c>: a container stopped by hand stays stopped through resync passes at the applied
/// commit, and the next commit converges it again.
/// </summary>
public sealed class SelfHealOptOutTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task A_stopped_container_is_left_stopped_until_the_next_commit()
    {
        var (work, identity) = _world.CreateRepository("noheal");
        work.Write(Files.WorkspaceFile, Files.Workspace() + "\n    selfHeal: false\n").Write(Files.DevcontainerFile, Files.Devcontainer("one"));
        work.CommitAndPush("add web");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 1s {"}"}
            """);
        var within = TimeSpan.FromSeconds(30);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, within, "the workspace runs");
        var name = _world.ContainerName(identity, "web");

        Assert.Equal(0, Reconciler.TestKit.LocalImages.Run("docker", $"stop -t 0 {name}").ExitCode);
        var stoppedAt = DateTimeOffset.UtcNow;
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetRepositoryAsync(identity, CancellationToken.None))?.LastSeenAt > stoppedAt.AddSeconds(2),
            within,
            "resync passes ran after the stop");
        Assert.False((await _world.InspectAsync(identity, "web"))!.State.Running);

        work.Write(Files.DevcontainerFile, Files.Devcontainer("two"));
        work.CommitAndPush("change env");
        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "web") is { State.Running: true } now && now.Config.Env.Contains("GREETING=two"),
            within,
            "the next commit converges it (polled by the resync)");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
