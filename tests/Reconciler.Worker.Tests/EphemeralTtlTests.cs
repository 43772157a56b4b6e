using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Ephemeral workspaces on the real engine with the shortest ttl (1m): at expiry the container and its volumes are
/// deleted, unless the workspace keeps its volumes; deleted is terminal, so later passes (polling every 2 s) never
/// bring it back.
/// </summary>
public sealed class EphemeralTtlTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task Ttl_expiry_deletes_the_container_and_its_volumes_unless_the_workspace_keeps_them()
    {
        var (work, identity) = _world.CreateRepository("ttl");
        work.Write(Files.WorkspaceFile, """
                version: 1
                workspaces:
                  - name: scratch
                    lifecycle: { policy: ephemeral, ttl: 1m }
                  - name: kept
                    lifecycle: { policy: ephemeral, ttl: 1m, keepVolumes: true }
                """)
            .Write(Files.DevcontainerFile, Files.Devcontainer("ttl"));
        work.CommitAndPush("two ephemeral workspaces");
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 2s }
            server: { listen: "http://127.0.0.1:0" }
            """);
        await _world.EventuallyAsync(
            async () => await Schedules.RunningAsync(_world, identity, "scratch") && await Schedules.RunningAsync(_world, identity, "kept"),
            TimeSpan.FromSeconds(40),
            "both run");
        var created = (await _world.InspectAsync(identity, "scratch"))!.Created;
        Assert.NotEmpty(await Schedules.VolumesAsync(_world, identity, "scratch"));
        Assert.NotEmpty(await Schedules.VolumesAsync(_world, identity, "kept"));

        var elapsed = await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "scratch") is null && await _world.InspectAsync(identity, "kept") is null,
            TimeSpan.FromSeconds(100),
            "both containers are deleted at ttl expiry");
        // The engine's container list reports creation in whole seconds, which is what the ttl counts from.
        Assert.True(DateTime.UtcNow - created.ToUniversalTime() >= TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(1), "not deleted before the ttl");
        // The remove action deletes the container first, then its volumes: the volumes go a moment later.
        await _world.EventuallyAsync(
            async () => (await Schedules.VolumesAsync(_world, identity, "scratch")).Count == 0, TimeSpan.FromSeconds(15), "the expired workspace's volumes are deleted");
        Assert.NotEmpty(await Schedules.VolumesAsync(_world, identity, "kept"));

        // Terminal: several more passes, nothing comes back.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Null(await _world.InspectAsync(identity, "scratch"));
        Assert.Null(await _world.InspectAsync(identity, "kept"));
        var events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
        Assert.Equal(2, events.Count(e => e is { Action: "remove", Result: "succeeded" } && e.Message!.Contains("ttl 1m after creation expired", StringComparison.Ordinal)));
        Assert.Equal(2, events.Count(e => e.Action == "create"));
        Assert.True(elapsed > TimeSpan.Zero);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
