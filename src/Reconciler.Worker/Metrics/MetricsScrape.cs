using System.Text;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.GitHub.Webhooks;
using Reconciler.Worker.Api;

namespace Reconciler.Worker.Metrics;

/// <summary>
/// Renders one <c>/metrics</c> answer: the worker's counters and histograms, the queue's live depth, the webhook
/// handler's delivery counts, and workspaces by state read from the state store now. Every label value of a
/// family is written, zeros included, so that a series never appears out of nowhere.
/// </summary>
internal sealed class MetricsScrape(
    WorkerMetrics metrics, WorkQueue queue, IStateStore store, WebhookHandler? webhooks,
    Gpus.GpuInventories? gpus = null, Gpus.GpuLedger? ledger = null, GitHub.Checks.PullRequestReporter? github = null)
{
    public async Task<string> RenderAsync(CancellationToken cancellationToken)
    {
        var workspaces = await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, cancellationToken);
        var writer = new PrometheusWriter();

        writer.Family("reconciler_reconciles_total", "counter", "Reconcile passes by result (done, requeue_after, waiting, stalled, failed).");
        foreach (var outcome in Enum.GetValues<ReconcileOutcome>())
        {
            writer.Sample("reconciler_reconciles_total", metrics.Reconciles(outcome), ("result", Snake(outcome.ToString())));
        }

        metrics.ReconcileDuration.WriteTo(writer);
        metrics.GitFetchDuration.WriteTo(writer);

        writer.Family("reconciler_reconciles_in_flight", "gauge", "Reconcile passes running now.");
        writer.Sample("reconciler_reconciles_in_flight", metrics.InFlight);

        writer.Family("reconciler_queue_depth", "gauge", "Repositories ready and waiting for a worker.");
        writer.Sample("reconciler_queue_depth", queue.Depth);

        writer.Family("reconciler_webhook_deliveries_total", "counter", "GitHub webhook deliveries by result (zero when webhooks are not configured).");
        foreach (var result in Enum.GetValues<WebhookResult>())
        {
            writer.Sample("reconciler_webhook_deliveries_total", webhooks?.Counters[result] ?? 0, ("result", Snake(result.ToString())));
        }

        writer.Family("reconciler_github_reports_total", "counter", "Pull-request checks and statuses posted to GitHub by result (unauthorized: 401/403, rate_limited: held back by GitHub's rate limit and queued again, failed: retries exhausted or another error).");
        writer.Sample("reconciler_github_reports_total", github?.Posted ?? 0, ("result", "posted"));
        writer.Sample("reconciler_github_reports_total", github?.Unauthorized ?? 0, ("result", "unauthorized"));
        writer.Sample("reconciler_github_reports_total", github?.RateLimited ?? 0, ("result", "rate_limited"));
        writer.Sample("reconciler_github_reports_total", github?.Failures ?? 0, ("result", "failed"));
        writer.Family("reconciler_github_rate_limited_total", "counter", "GitHub answers that reported a rate limit (403/429 with its rate-limit headers, or a secondary limit).");
        writer.Sample("reconciler_github_rate_limited_total", github?.RateLimitHits ?? 0);
        writer.Family("reconciler_github_retries_total", "counter", "GitHub API calls retried after a 5xx answer or a failed connection.");
        writer.Sample("reconciler_github_retries_total", github?.Retries ?? 0);

        writer.Family("reconciler_workspaces", "gauge", "Workspaces by the state their last pass reported (from the state store).");
        var byState = workspaces.GroupBy(WorkspaceStates.Of).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var state in WorkspaceStates.All)
        {
            writer.Sample("reconciler_workspaces", byState.GetValueOrDefault(state), ("state", state));
        }

        writer.Family("reconciler_api_requests_denied_total", "counter", "API requests refused: unauthenticated (401) or not_found (404, including another team's resources).");
        writer.Sample("reconciler_api_requests_denied_total", metrics.Denied(DenialReason.Unauthenticated), ("reason", "unauthenticated"));
        writer.Sample("reconciler_api_requests_denied_total", metrics.Denied(DenialReason.NotFound), ("reason", "not_found"));
        if (gpus is not null && ledger is not null)
        {
            GpuMetrics.WriteTo(writer, gpus, ledger);
        }

        return writer.ToString();
    }

    /// <summary><c>RequeueAfter</c> → <c>requeue_after</c>: Prometheus label values are conventionally snake case.</summary>
    internal static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
