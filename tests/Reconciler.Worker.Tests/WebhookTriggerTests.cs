using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A signed push webhook POSTed to the running host triggers the reconcile: polling and resync are set to an hour,
/// so only the webhook can explain a convergence within seconds. Also: unsigned deliveries are refused, and
/// neither the webhook secret nor anything else secret reaches the logs or the database.
/// </summary>
public sealed class WebhookTriggerTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _secretVariable = "RC_TEST_WEBHOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secret = "whsec-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Push_webhooks_create_recreate_and_remove_the_workspace()
    {
        var (work, identity) = _world.CreateRepository("hook");
        work.Write("README.md", "empty\n");
        work.CommitAndPush("initial");
        Environment.SetEnvironmentVariable(_secretVariable, _secret);
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            webhooks: {"{"} secretEnv: {_secretVariable} {"}"}
            worker: {"{"} resyncInterval: 1h, shutdownTimeout: 10s {"}"}
            """);
        await _world.EventuallyAsync(async () => (await _world.Store.GetRepositoryAsync(identity, CancellationToken.None)) is not null, TimeSpan.FromSeconds(30), "the start-up pass");

        using (var forged = await _world.PostWebhookAsync(Files.PushPayload(identity, new string('a', 40)), "not-the-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        await Lifecycle.RunAsync(_world, work, identity, async commit =>
        {
            using var response = await _world.PostWebhookAsync(Files.PushPayload(identity, commit), _secret);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }, TimeSpan.FromSeconds(30));

        await _world.StopAsync();
        Assert.Contains("Push to " + identity + " main: queued", _world.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, _world.Log, StringComparison.Ordinal);
        Assert.False(Secrets.Contains(_world.DatabaseBytes(), _secret), "the webhook secret is in the database");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_secretVariable, null);
        await _world.DisposeAsync();
    }
}
