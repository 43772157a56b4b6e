using Microsoft.AspNetCore.Http;
using Reconciler.Core.Ports;
using Reconciler.Core.State;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>GET /api/workspaces[?repository=]</c> and <c>GET /api/workspaces/{repository}/{workspace}</c>: the last status
/// each workspace reported. A team caller gets only its team's; another team's workspace is 404, never 403.
/// </summary>
internal static class WorkspaceRoutes
{
    public static async Task<IResult> ListAsync(
        HttpContext context, string? repository, IStateStore store, IPowerRecordStore power, TimeProvider time, Gpus.GpuLedger gpus, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var query = new WorkspaceStatusQuery(Team: caller.TeamFilter, Repository: string.IsNullOrEmpty(repository) ? null : ApiKeys.Decode(repository));
        var workspaces = await store.ListWorkspaceStatusesAsync(query, cancellationToken);
        var powers = await power.ListPowerStatusesAsync(query.Repository, cancellationToken);
        var now = time.GetUtcNow();
        return ApiResults.Ok(workspaces.Where(caller.CanSee).Select(w => WorkspaceView.From(w, powers.GetValueOrDefault(w.Key), now, gpus)).ToList());
    }

    public static async Task<IResult> GetAsync(
        HttpContext context, string path, string? repository, IStateStore store, IPowerRecordStore power, TimeProvider time, Gpus.GpuLedger gpus, CancellationToken cancellationToken)
    {
        if (ApiKeys.Workspace(path, repository) is not { } key
            || await store.GetWorkspaceStatusAsync(key, cancellationToken) is not { } workspace
            || !context.Caller().CanSee(workspace))
        {
            return ApiResults.NotFound(context);
        }

        var powers = await power.ListPowerStatusesAsync(key.Repository, cancellationToken);
        return ApiResults.Ok(WorkspaceView.From(workspace, powers.GetValueOrDefault(key), time.GetUtcNow(), gpus));
    }
}
