using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A Dockerfile workspace served from git by the worker: the build's output is in the workspace's event log while it
/// runs, and a later commit that changes only a file outside the build context builds nothing and recreates nothing.
/// </summary>
public sealed class BuildEventsTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private string? _image;

    [Fact]
    public async Task Build_output_is_streamed_to_the_events_and_an_unrelated_commit_builds_nothing()
    {
        var (work, identity) = _world.CreateRepository("build");
        work.Write(Files.WorkspaceFile, Files.Workspace())
            .Write(Files.DevcontainerFile, """{ "build": { "dockerfile": "Dockerfile", "context": "../app" } }""")
            .Write(".devcontainer/Dockerfile", $"FROM {LocalImages.Busybox}\nCOPY . /app/\nRUN echo building-step-output\n")
            .Write("app/main.txt", "v1\n")
            .Write("README.md", "first\n");
        work.CommitAndPush("a built workspace");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            """);
        var within = TimeSpan.FromSeconds(90);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, within, "the built workspace runs");
        var container = (await _world.InspectAsync(identity, "web"))!;
        _image = container.Config.Image;

        // The create event is written after the apply the container shows.
        await _world.EventuallyAsync(async () => (await EventsAsync(identity)).Any(e => e.Action == "create"), within, "the create is reported");
        var events = await EventsAsync(identity);
        var output = events.Where(e => e.Action == "build" && e.Result == "output").ToList();
        Assert.NotEmpty(output);
        Assert.Contains(output, e => e.Message!.Contains("building-step-output", StringComparison.Ordinal));
        var create = Assert.Single(events, e => e.Action == "create");
        Assert.True(output.All(o => o.Id < create.Id), "build output is written while the build runs, before the create is reported");

        work.Write("README.md", "second\n");
        var second = work.CommitAndPush("docs only");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetRepositoryAsync(identity, CancellationToken.None))?.LastAppliedCommit == second, within, "the docs commit is applied");

        Assert.Equal(output.Count, (await EventsAsync(identity)).Count(e => e.Action == "build"));
        Assert.Equal(container.ID, (await _world.InspectAsync(identity, "web"))!.ID);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        if (_image is not null)
        {
            LocalImages.Run("docker", $"rmi -f {_image}");
        }
    }

    private async Task<IReadOnlyList<AuditEvent>> EventsAsync(string identity)
        => await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
}
