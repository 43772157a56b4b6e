using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Without webhooks (the endpoint is not even served) a short poll interval alone carries every commit to the
/// runtime; resync is set to an hour so only polling (RequeueAfter(pollInterval)) can explain it.
/// </summary>
public sealed class PollingTriggerTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task Polling_alone_creates_recreates_and_removes_the_workspace()
    {
        var (work, identity) = _world.CreateRepository("poll");
        work.Write("README.md", "empty\n");
        work.CommitAndPush("initial");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """);

        using (var response = await _world.PostWebhookAsync(Files.PushPayload(identity, new string('a', 40)), "any"))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await Lifecycle.RunAsync(_world, work, identity, _ => Task.CompletedTask, TimeSpan.FromSeconds(30));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
