using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Every <c>/api</c> route needs a configured bearer token: none or a wrong one is 401 with <c>WWW-Authenticate:
/// Bearer</c>, counted in <c>/metrics</c>. The probes and <c>/metrics</c> stay open by default.
/// </summary>
public sealed class ApiAuthenticationTests : IAsyncLifetime
{
    private readonly ApiWorld _api = new();

    [Fact]
    public async Task Every_api_route_refuses_a_missing_or_wrong_token_with_401()
    {
        await _api.StartAsync();
        string[] routes =
        [
            "/api/repositories",
            "/api/repositories/" + _api.MlRepository,
            "/api/workspaces",
            "/api/workspaces/" + _api.MlRepository + "/trainer",
            "/api/events",
        ];

        foreach (var route in routes)
        {
            var missing = await _api.GetAsync(route, token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
            Assert.StartsWith("Bearer", missing.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            var wrong = await _api.GetAsync(route, _api.AdminToken + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
            Assert.Contains("invalid_token", wrong.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync(route, _api.AdminToken)).Status);
        }

        var sync = await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{_api.MlRepository}/sync", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, sync.Status);

        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/healthz", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.GetAsync("/readyz", null)).Status);
        var metrics = await _api.GetAsync("/metrics", null);
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.Equal((routes.Length * 2) + 1, MetricsText.Parse(metrics.Body)["reconciler_api_requests_denied_total{reason=\"unauthenticated\"}"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
