using System.Net;
using System.Text.Json;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A team token sees and syncs only its team's workspaces and repositories; another team's are 404 (their existence
/// is not revealed), counted as not_found. An admin token sees and syncs everything.
/// </summary>
public sealed class ApiTeamIsolationTests : IAsyncLifetime
{
    private readonly ApiWorld _api = new();

    [Fact]
    public async Task A_team_token_sees_and_syncs_only_its_team_and_an_admin_everything()
    {
        await _api.StartAsync();

        Assert.Equal(["site", "trainer"], Names(await _api.GetAsync("/api/workspaces", _api.AdminToken), "workspace").Order());
        Assert.Equal(["trainer"], Names(await _api.GetAsync("/api/workspaces", _api.MlToken), "workspace"));
        Assert.Equal(["site"], Names(await _api.GetAsync("/api/workspaces", _api.WebToken), "workspace"));
        Assert.Equal([_api.MlRepository], Names(await _api.GetAsync("/api/repositories", _api.MlToken), "repository"));
        Assert.Equal(2, Names(await _api.GetAsync("/api/repositories", _api.AdminToken), "repository").Count);

        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{_api.WebRepository}/sync", _api.MlToken)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{_api.MlRepository}/sync", _api.MlToken)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{Uri.EscapeDataString(_api.WebRepository)}/sync", _api.AdminToken)).Status);

        // The create pass does not know the container id yet; the pass the sync queued observes it.
        await _api.World.EventuallyAsync(
            async () => (await _api.GetAsync($"/api/workspaces/{_api.MlRepository}/trainer", _api.MlToken)).Body.Contains("\"containerId\":\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the synced pass records the container id");

        // One workspace, three ways of naming it; its fields come from the last pass.
        foreach (var path in new[]
        {
            $"/api/workspaces/{_api.MlRepository}/trainer",
            $"/api/workspaces/{Uri.EscapeDataString(_api.MlRepository)}/trainer",
            $"/api/workspaces/trainer?repository={Uri.EscapeDataString(_api.MlRepository)}",
        })
        {
            var own = await _api.GetAsync(path, _api.MlToken);
            Assert.Equal(HttpStatusCode.OK, own.Status);
            using var json = JsonDocument.Parse(own.Body);
            Assert.Equal(("ml-research", "alice", "ready", "default"), (Text(json, "team"), Text(json, "owner"), Text(json, "state"), Text(json, "runtimeHost")));
            Assert.Matches("^[0-9a-f]{40}$", Text(json, "commit"));
            Assert.Matches("^[0-9a-f]{64}$", Text(json, "containerId"));
        }

        var other = await _api.GetAsync($"/api/workspaces/{_api.WebRepository}/site", _api.MlToken);
        var missing = await _api.GetAsync($"/api/workspaces/{_api.WebRepository}/nothing", _api.MlToken);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.Status, missing.Status));
        Assert.Equal(missing.Body, other.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.GetAsync($"/api/repositories/{_api.WebRepository}", _api.MlToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync($"/api/workspaces/{_api.WebRepository}/site", _api.AdminToken)).Status);


        var syncs = (await _api.World.Store.ListEventsAsync(new AuditEventQuery(Limit: AuditEventQuery.MaxLimit), CancellationToken.None)).Where(e => e.Action == "sync").ToList();
        Assert.Equal([(_api.MlRepository, "api:ml"), (_api.WebRepository, "api:ci")], syncs.Select(e => (e.Repository, e.Actor)));

        var metrics = MetricsText.Parse((await _api.GetAsync("/metrics", null)).Body);
        Assert.Equal(4, metrics["reconciler_api_requests_denied_total{reason=\"not_found\"}"]);
        Assert.Equal(0, metrics["reconciler_api_requests_denied_total{reason=\"unauthenticated\"}"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static List<string> Names((HttpStatusCode Status, string Body, System.Net.Http.Headers.HttpResponseHeaders Headers) response, string property)
    {
        Assert.Equal(HttpStatusCode.OK, response.Status);
        using var json = JsonDocument.Parse(response.Body);
        return [.. json.RootElement.EnumerateArray().Select(e => e.GetProperty(property).GetString()!)];
    }

    private static string? Text(JsonDocument json, string property) => json.RootElement.GetProperty(property).GetString();
}
