using System.Net;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>/metrics</c> exposes the worker's families in Prometheus text format with values that match what happened:
/// passes, git syncs, workspaces by state from the store, webhook deliveries and refused API requests.
/// With <c>api.metrics.requireToken</c> it needs a bearer token like <c>/api</c>.
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly ApiWorld _api = new();

    [Fact]
    public async Task Metrics_expose_the_families_with_values_after_a_reconcile()
    {
        await _api.StartAsync();
        using (var forged = await _api.World.PostWebhookAsync(Files.PushPayload(_api.MlRepository, new string('a', 40)), "not-the-secret"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        await _api.GetAsync("/api/workspaces", "wrong-token-wrong-token");

        using var response = await _api.World.Http.GetAsync(new Uri(_api.World.Address, "/metrics"));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var metrics = MetricsText.Parse(await response.Content.ReadAsStringAsync());

        // A converged pass returns RequeueAfter(poll interval): at least one per repository.
        Assert.True(metrics["reconciler_reconciles_total{result=\"requeue_after\"}"] >= 2, "converged passes are counted");
        Assert.Equal(0, metrics["reconciler_reconciles_total{result=\"failed\"}"]);
        var passes = metrics.Where(m => m.Key.StartsWith("reconciler_reconciles_total{", StringComparison.Ordinal)).Sum(m => m.Value);
        var finished = metrics["reconciler_reconcile_duration_seconds_count"];
        Assert.InRange(finished, 2, passes);
        Assert.Equal(finished, metrics["reconciler_reconcile_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.True(metrics["reconciler_reconcile_duration_seconds_sum"] > 0);
        Assert.True(metrics["reconciler_reconcile_duration_seconds_bucket{le=\"0.05\"}"] <= metrics["reconciler_reconcile_duration_seconds_bucket{le=\"300\"}"]);
        Assert.True(metrics["reconciler_git_fetch_duration_seconds_count"] >= 2, "every pass syncs git");
        Assert.Equal(metrics["reconciler_git_fetch_duration_seconds_count"], metrics["reconciler_git_fetch_duration_seconds_bucket{le=\"+Inf\"}"]);
        Assert.InRange(metrics["reconciler_queue_depth"], 0, 2);
        Assert.Equal(2, metrics["reconciler_workspaces{state=\"ready\"}"]);
        Assert.Equal(0, metrics["reconciler_workspaces{state=\"failed\"}"]);
        Assert.Equal(1, metrics["reconciler_webhook_deliveries_total{result=\"signature_invalid\"}"]);
        Assert.Equal(0, metrics["reconciler_webhook_deliveries_total{result=\"accepted\"}"]);
        Assert.Equal(1, metrics["reconciler_api_requests_denied_total{reason=\"unauthenticated\"}"]);
        Assert.Equal(0, metrics["reconciler_api_requests_denied_total{reason=\"not_found\"}"]);
    }

    [Fact]
    public async Task Metrics_need_a_token_when_the_configuration_says_so()
    {
        await _api.StartAsync("  metrics: { requireToken: true }");

        var open = await _api.GetAsync("/metrics", null);
        Assert.Equal(HttpStatusCode.Unauthorized, open.Status);
        Assert.StartsWith("Bearer", open.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var team = await _api.GetAsync("/metrics", _api.MlToken);
        Assert.Equal(HttpStatusCode.OK, team.Status);
        Assert.Equal(1, MetricsText.Parse(team.Body)["reconciler_api_requests_denied_total{reason=\"unauthenticated\"}"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();
}
