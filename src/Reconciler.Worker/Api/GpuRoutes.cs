using Microsoft.AspNetCore.Http;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Gpus;

namespace Reconciler.Worker.Api;

/// <summary><c>GET /api/gpus</c>: the GPUs of every host with an inventory, who holds each, free MIG capacity, pending requests.</summary>
internal static class GpuRoutes
{
    public static async Task<IResult> ListAsync(HttpContext context, GpuInventories inventories, GpuLedger ledger, IStateStore store, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var teams = caller.IsAdmin
            ? null
            : (await store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, cancellationToken)).ToDictionary(w => w.Key, w => w.Team);
        bool CanSee(WorkspaceKey key) => caller.IsAdmin || (teams!.TryGetValue(key, out var team) && string.Equals(team, caller.Team, StringComparison.Ordinal));
        return ApiResults.Ok(GpuApiViews.Build(inventories, ledger, CanSee));
    }
}
