using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>GET /api/repositories[/{identity}]</c> and <c>POST /api/repositories/{identity}/sync</c>. An admin sees every
/// configured repository; a team caller only those in which its team has a workspace, and may sync only those.
/// </summary>
internal static partial class RepositoryRoutes
{
    public static async Task<IResult> ListAsync(HttpContext context, RepositoryRegistry registry, IStateStore store, CancellationToken cancellationToken)
    {
        var visible = await VisibleAsync(context.Caller(), store, cancellationToken);
        var states = (await store.ListRepositoriesAsync(cancellationToken)).ToDictionary(s => s.Repository, StringComparer.Ordinal);
        return ApiResults.Ok(registry.All
            .Where(r => visible is null || visible.Contains(r.Identity))
            .OrderBy(r => r.Identity, StringComparer.Ordinal)
            .Select(r => RepositoryView.From(r, states.GetValueOrDefault(r.Identity)))
            .ToList());
    }

    public static async Task<IResult> GetAsync(HttpContext context, string path, RepositoryRegistry registry, IStateStore store, CancellationToken cancellationToken)
    {
        var repository = await FindAsync(context, ApiKeys.Decode(path), registry, store, cancellationToken);
        return repository is null
            ? ApiResults.NotFound(context)
            : ApiResults.Ok(RepositoryView.From(repository, await store.GetRepositoryAsync(repository.Identity, cancellationToken)));
    }

    /// <summary>Enqueues the repository now (coalescing with a pass already queued) and records who asked: 202.</summary>
    public static async Task<IResult> SyncAsync(
        HttpContext context, string path, RepositoryRegistry registry, IStateStore store, WorkQueue queue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        if (ApiKeys.SyncTarget(path) is not { } identity || await FindAsync(context, identity, registry, store, cancellationToken) is not { } repository)
        {
            return ApiResults.NotFound(context);
        }

        queue.Add(repository.Key);
        SyncQueued(loggers.CreateLogger(typeof(RepositoryRoutes).FullName!), caller.Name, repository.Identity);
        await store.AppendEventAsync(new NewAuditEvent(repository.Identity, null, null, caller.Actor, "sync", "queued", "sync requested through the API"), cancellationToken);
        return ApiResults.Accepted(new SyncAccepted(repository.Identity, true));
    }

    /// <summary>The configured repository, when the caller may see it; null otherwise (answered as 404 either way).</summary>
    private static async Task<TrackedRepository?> FindAsync(HttpContext context, string identity, RepositoryRegistry registry, IStateStore store, CancellationToken cancellationToken)
    {
        if (registry.Find(identity) is not { } repository)
        {
            return null;
        }

        var visible = await VisibleAsync(context.Caller(), store, cancellationToken);
        return visible is null || visible.Contains(repository.Identity) ? repository : null;
    }

    /// <summary>Null for an admin (everything); for a team, the repositories where it has a workspace.</summary>
    private static async Task<HashSet<string>?> VisibleAsync(ApiCaller caller, IStateStore store, CancellationToken cancellationToken)
        => caller.IsAdmin
            ? null
            : (await store.ListWorkspaceStatusesAsync(new WorkspaceStatusQuery(Team: caller.Team), cancellationToken)).Select(w => w.Key.Repository).ToHashSet(StringComparer.Ordinal);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "API caller {Caller} queued a sync of {Repository}")]
    private static partial void SyncQueued(ILogger logger, string caller, string repository);
}
