using Reconciler.Core.Compose;
using Reconciler.Core.Desired;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>A compose workspace served from git by the worker: both services run; a commit that drops the database service removes only it.</summary>
public sealed class ComposeWorkspaceWorkerTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task Removing_a_service_from_the_compose_file_removes_its_container_and_keeps_the_workspace()
    {
        var (work, identity) = _world.CreateRepository("compose");
        work.Write(Files.WorkspaceFile, Files.Workspace())
            .Write(Files.DevcontainerFile, """{ "dockerComposeFile": "docker-compose.yml", "service": "app", "workspaceFolder": "/workspace" }""")
            .Write(".devcontainer/docker-compose.yml", Compose(withDb: true));
        work.CommitAndPush("app and db");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            """);
        var within = TimeSpan.FromSeconds(60);
        var db = ComposeNames.Container(new WorkspaceKey(identity, "web"), "db");
        await _world.EventuallyAsync(
            async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true && await RunningAsync(db), within, "app and db run");
        var app = (await _world.InspectAsync(identity, "web"))!.ID;

        work.Write(".devcontainer/docker-compose.yml", Compose(withDb: false));
        var second = work.CommitAndPush("drop db");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetRepositoryAsync(identity, CancellationToken.None))?.LastAppliedCommit == second, within, "the commit is applied");

        Assert.False(await ExistsAsync(db));
        Assert.Equal(app, (await _world.InspectAsync(identity, "web"))!.ID);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static string Compose(bool withDb) => $$"""
        services:
          app:
            image: {{LocalImages.Busybox}}
            command: sleep 3600
            volumes: ["..:/workspace"]
        {{(withDb ? "  db:\n    image: " + LocalImages.Busybox + "\n    command: sleep 3600\n" : "")}}
        """;

    private async Task<bool> RunningAsync(string name)
        => (await _world.Docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"^/{name}$"] = true } },
        })).Count == 1;

    private async Task<bool> ExistsAsync(string name)
        => (await _world.Docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [$"^/{name}$"] = true } },
        })).Count == 1;
}
