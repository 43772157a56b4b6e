using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Reconciler.Core.State;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Http;

/// <summary>
/// <c>GET /healthz</c>: the process serves HTTP (liveness). <c>GET /readyz</c>: the database answers and every
/// Docker endpoint answers (readiness), 503 with what failed otherwise. Neither says anything about repositories:
/// one broken repository must not take the worker out of service.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", ReadyAsync);
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(IStateStore store, RuntimeSet runtimes, HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(ProbeTimeout);
        var problems = new List<string>();
        try
        {
            await store.PingAsync(timeout.Token);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            problems.Add("database: " + e.GetType().Name);
        }

        try
        {
            problems.AddRange((await runtimes.UnreachableAsync(timeout.Token)).Select(host => $"{(runtimes.Vm(host) is null ? "docker" : "libvirt")} host {host}: not answering"));
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            problems.Add("docker: timed out");
        }

        return problems.Count == 0
            ? Results.Text("ready\n")
            : Results.Text(string.Join('\n', problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
