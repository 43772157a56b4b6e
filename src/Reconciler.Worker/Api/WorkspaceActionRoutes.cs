using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.Worker.Repositories;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Api;

/// <summary>
/// Routes under <c>/api/workspaces/{repository}/{workspace}/…</c>. Repository identities contain slashes, so the action
/// is a suffix of the catch-all tail; the tail without it must name a workspace the caller may see (else 404, the
/// same answer as for another team's workspace). A GET whose tail does not resolve that way is the plain workspace
/// read, so a workspace that is itself named <c>connect</c> stays readable.
/// </summary>
internal static class WorkspaceActionRoutes
{
    public static async Task<IResult> GetAsync(
        HttpContext context, string path, string? repository, IStateStore store, IPowerRecordStore power, TimeProvider time, Gpus.GpuLedger gpus,
        CancellationToken cancellationToken)
        => await VisibleAsync(context, path, ConnectRoutes.ConnectSuffix, repository, store, cancellationToken) is { } workspace
            ? await ConnectRoutes.ConnectAsync(context, workspace, cancellationToken)
            : await WorkspaceRoutes.GetAsync(context, path, repository, store, power, time, gpus, cancellationToken);

    /// <summary>Jupyter token rotation and connection tokens here; anything else is a lifecycle request (<see cref="PowerRoutes"/>).</summary>
    public static async Task<IResult> PostAsync(
        HttpContext context,
        string path,
        string? repository,
        string? until,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "for")] string? forText,
        IStateStore store,
        IPowerRecordStore power,
        RepositoryRegistry registry,
        RuntimeSet runtimes,
        WorkQueue queue,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(context, path, AccessRoutes.RotateSuffix, repository, store, cancellationToken) is { } rotate)
        {
            return await AccessRoutes.RotateJupyterAsync(context, rotate, store, runtimes, queue, loggers, cancellationToken);
        }

        return await VisibleAsync(context, path, ConnectRoutes.TokenSuffix, repository, store, cancellationToken) is { } workspace
            ? await ConnectRoutes.IssueAsync(context, workspace, store, cancellationToken)
            : await PowerRoutes.PostAsync(context, path, repository, until, forText, store, power, registry, queue, time, cancellationToken);
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, string path, string? repository, IStateStore store, CancellationToken cancellationToken)
        => await VisibleAsync(context, path, ConnectRoutes.TokenSuffix, repository, store, cancellationToken) is { } workspace
            ? await ConnectRoutes.RevokeAsync(context, workspace, store, cancellationToken)
            : ApiResults.NotFound(context);

    private static async Task<WorkspaceStatusRecord?> VisibleAsync(
        HttpContext context, string path, string suffix, string? repository, IStateStore store, CancellationToken cancellationToken)
    {
        var tail = ApiKeys.Decode(path);
        return tail.EndsWith(suffix, StringComparison.Ordinal)
               && ApiKeys.Workspace(tail[..^suffix.Length], repository) is { } key
               && await store.GetWorkspaceStatusAsync(key, cancellationToken) is { } workspace
               && context.Caller().CanSee(workspace)
            ? workspace
            : null;
    }
}
