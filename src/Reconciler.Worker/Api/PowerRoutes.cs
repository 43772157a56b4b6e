using Microsoft.AspNetCore.Http;
using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Ports;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>POST /api/workspaces/{repository}/{workspace}/{wake|stop|start|activity}[?until=HH:MM|ISO][&amp;for=2h]</c>:
/// records a power override (or an activity heartbeat) for the lifecycle to read, writes who asked to the event log
/// (overrides only; heartbeats are too frequent) and enqueues the repository at once. A team caller may act only
/// on its team's workspaces; anything else is 404.
/// </summary>
internal static class PowerRoutes
{
    private static readonly Dictionary<string, PowerOverrideKind?> Verbs = new(StringComparer.Ordinal)
    {
        ["wake"] = PowerOverrideKind.Wake,
        ["stop"] = PowerOverrideKind.Stop,
        ["start"] = PowerOverrideKind.Start,
        ["activity"] = null,
    };

    public static async Task<IResult> PostAsync(
        HttpContext context,
        string path,
        string? repository,
        string? until,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "for")] string? forText,
        IStateStore store,
        IPowerRecordStore power,
        RepositoryRegistry registry,
        WorkQueue queue,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var tail = ApiKeys.Decode(path);
        var slash = tail.LastIndexOf('/');
        if (slash <= 0 || !Verbs.TryGetValue(tail[(slash + 1)..], out var kind)
            || ApiKeys.Workspace(tail[..slash], repository) is not { } key
            || await store.GetWorkspaceStatusAsync(key, cancellationToken) is not { } workspace
            || !context.Caller().CanSee(workspace)
            || registry.Find(key.Repository) is not { } tracked)
        {
            return ApiResults.NotFound(context);
        }

        var now = time.GetUtcNow();
        var caller = context.Caller();
        if (kind is not { } overrideKind)
        {
            await power.RecordActivityAsync(key, now, cancellationToken);
            queue.Add(tracked.Key);
            return ApiResults.Accepted(new PowerAccepted(key.Repository, key.Workspace, "activity", null, true));
        }

        var statuses = await power.ListPowerStatusesAsync(key.Repository, cancellationToken);
        var zone = PowerStatusText.ZoneOf(statuses.GetValueOrDefault(key));
        if (!OverrideExpiry.TryResolve(until, forText, zone, now, out var expiry, out var error))
        {
            return ApiResults.BadRequest(error);
        }

        var verb = overrideKind.ToString().ToLowerInvariant();
        await power.AddOverrideAsync(key, new PowerOverride(overrideKind, expiry, caller.Actor, now), cancellationToken);
        await store.AppendEventAsync(
            NewAuditEvent.For(key, null, caller.Actor, verb, "recorded", expiry is { } at ? $"{verb} until {at:yyyy-MM-dd'T'HH:mm:ss'Z'}" : $"{verb} until the next schedule boundary or a newer request"),
            cancellationToken);
        queue.Add(tracked.Key);
        return ApiResults.Accepted(new PowerAccepted(key.Repository, key.Workspace, verb, expiry, true));
    }
}

internal sealed record PowerAccepted(string Repository, string Workspace, string Request, DateTimeOffset? Until, bool Queued);
