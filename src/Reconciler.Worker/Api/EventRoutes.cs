using System.Globalization;
using Microsoft.AspNetCore.Http;
using Reconciler.Core.State;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>GET /api/events?since=&lt;id|RFC3339&gt;&amp;limit=&amp;repository=</c>: the audit log in id order, one page at a
/// time. <c>since</c> is an event id (events after it) or a time (events at or after it); the answer's
/// <c>next</c> is the <c>since</c> of the following page. A team caller sees only its team's workspaces' events.
/// </summary>
internal static class EventRoutes
{
    public static async Task<IResult> ListAsync(HttpContext context, string? since, string? limit, string? repository, IStateStore store, CancellationToken cancellationToken)
    {
        long afterId = 0;
        DateTimeOffset? sinceTime = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                afterId = id;
            }
            else if (since.Contains('T', StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            {
                sinceTime = time;
            }
            else
            {
                return ApiResults.BadRequest("since must be an event id or an RFC 3339 time such as 2026-01-31T12:00:00Z");
            }
        }

        var pageSize = AuditEventQuery.DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > AuditEventQuery.MaxLimit))
        {
            return ApiResults.BadRequest($"limit must be between 1 and {AuditEventQuery.MaxLimit}");
        }

        var caller = context.Caller();
        var query = new AuditEventQuery(afterId, sinceTime, pageSize, string.IsNullOrEmpty(repository) ? null : ApiKeys.Decode(repository), caller.TeamFilter);
        var events = await store.ListEventsAsync(query, cancellationToken);
        long? next = events.Count > 0 ? events[^1].Id : (sinceTime is null ? afterId : null);
        return ApiResults.Ok(new EventPage([.. events.Select(EventView.From)], next));
    }
}
