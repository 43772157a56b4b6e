using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// After every route has been called with good, wrong and missing tokens and a webhook was delivered, no API token
/// and no webhook secret is in the worker's log, in any API answer, or in the SQLite database and its WAL.
/// </summary>
public sealed class ApiSecretsTests : IAsyncLifetime
{
    private readonly ApiWorld _api = new();

    [Fact]
    public async Task No_token_or_webhook_secret_reaches_logs_answers_or_the_database()
    {
        await _api.StartAsync();
        foreach (var token in new string?[] { _api.AdminToken, _api.MlToken, _api.WebToken, null, _api.WebhookSecret })
        {
            foreach (var route in new[] { "/api/repositories", "/api/workspaces", "/api/events?limit=1000", $"/api/workspaces/{_api.WebRepository}/site", $"/api/repositories/{_api.MlRepository}", "/metrics" })
            {
                await _api.GetAsync(route, token);
            }

            await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{_api.MlRepository}/sync", token);
        }

        using (var push = await _api.World.PostWebhookAsync(Files.PushPayload(_api.MlRepository, new string('b', 40)), _api.WebhookSecret))
        {
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        }

        var events = (await _api.GetAsync("/api/events?limit=1000", _api.AdminToken)).Body;
        Assert.Contains("\"actor\":\"api:ml\"", events, StringComparison.Ordinal);
        Assert.DoesNotContain("\"actor\":\"api:web\"", events, StringComparison.Ordinal);
        await _api.World.StopAsync();

        var log = _api.World.Log;
        Assert.Contains("API caller ml queued a sync of " + _api.MlRepository, log, StringComparison.Ordinal);
        Assert.Contains("refused: Unauthenticated", log, StringComparison.Ordinal);
        var database = _api.World.DatabaseBytes();
        Assert.NotEmpty(database);
        foreach (var secret in _api.Secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(_api.Bodies, body => body.Contains(secret, StringComparison.Ordinal));
            Assert.False(Secrets.Contains(database, secret), "a secret is in the database");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
