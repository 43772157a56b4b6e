using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.GitHub.Webhooks;
using Reconciler.Worker.Api;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Metrics;

namespace Reconciler.Worker.Http;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text format 0.0.4 (docs/api.md lists the families). Open like the health probes,
/// unless <c>api.metrics.requireToken</c>: then any configured API token (401 otherwise, counted as for <c>/api</c>).
/// </summary>
public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ScrapeAsync);
        return endpoints;
    }

    private static async Task<IResult> ScrapeAsync(HttpContext context, WorkerSettings settings, WorkerMetrics metrics, WorkQueue queue, IStateStore store)
    {
        if (settings.Config.Api.MetricsRequireToken && ApiEndpoints.Authenticate(context) is null)
        {
            return ApiResults.Unauthenticated(context);
        }

        var scrape = new MetricsScrape(metrics, queue, store, context.RequestServices.GetService<WebhookHandler>(),
            context.RequestServices.GetService<Gpus.GpuInventories>(), context.RequestServices.GetService<Gpus.GpuLedger>(),
            context.RequestServices.GetService<GitHub.Checks.PullRequestReporter>());
        return Results.Text(await scrape.RenderAsync(context.RequestAborted), PrometheusWriter.ContentType);
    }
}
