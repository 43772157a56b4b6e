using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary><c>/healthz</c> answers while the process serves; <c>/readyz</c> only when the database and every Docker endpoint answer.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task Ready_when_the_database_and_every_engine_answer()
    {
        await _world.StartAsync("""
            version: 1
            server: { listen: "http://127.0.0.1:0" }
            """);

        Assert.Equal(HttpStatusCode.OK, (await _world.Http.GetAsync(new Uri(_world.Address, "/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _world.Http.GetAsync(new Uri(_world.Address, "/readyz"))).StatusCode);
    }

    [Fact]
    public async Task Not_ready_when_a_docker_endpoint_does_not_answer()
    {
        await _world.StartAsync($"""
            version: 1
            runtimes:
              docker:
                default: {"{"} endpoint: unix:///var/run/docker.sock {"}"}
                gone: {"{"} endpoint: "unix:///tmp/reconciler-no-engine-{Guid.NewGuid():N}.sock" {"}"}
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            """);

        Assert.Equal(HttpStatusCode.OK, (await _world.Http.GetAsync(new Uri(_world.Address, "/healthz"))).StatusCode);
        using var ready = await _world.Http.GetAsync(new Uri(_world.Address, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("docker host gone: not answering\n", await ready.Content.ReadAsStringAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
