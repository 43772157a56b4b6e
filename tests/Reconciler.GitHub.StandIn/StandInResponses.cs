using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>Minimal bodies shaped like GitHub's documented responses for the operations Reconciler calls.</summary>
internal static class StandInResponses
{
    public static JObject Error(string message, int status) => new()
    {
        ["message"] = message,
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static JObject Installation(long id, long appId) => new()
    {
        ["id"] = id,
        ["app_id"] = appId,
        ["target_type"] = "Organization",
        ["permissions"] = new JObject { ["checks"] = "write", ["statuses"] = "write" },
        ["events"] = new JArray("pull_request", "push"),
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
    };

    public static JObject AccessToken(string token, DateTimeOffset expires) => new()
    {
        ["token"] = token,
        ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["permissions"] = new JObject { ["checks"] = "write" },
    };

    public static JObject CheckRun(Uri baseUrl, string repository, StandInCheckRun run) => new()
    {
        ["id"] = run.Id,
        ["head_sha"] = run.HeadSha,
        ["node_id"] = "CR_" + run.Id,
        ["external_id"] = run.ExternalId,
        ["url"] = $"{baseUrl}repos/{repository}/check-runs/{run.Id}",
        ["html_url"] = $"https://github.com/{repository}/runs/{run.Id}",
        ["details_url"] = run.DetailsUrl,
        ["status"] = run.Status,
        ["conclusion"] = run.Conclusion,
        ["started_at"] = run.StartedAt,
        ["completed_at"] = run.CompletedAt,
        ["output"] = new JObject
        {
            ["title"] = run.Title,
            ["summary"] = run.Summary,
            ["text"] = null,
            ["annotations_count"] = run.Annotations.Count,
            ["annotations_url"] = $"{baseUrl}repos/{repository}/check-runs/{run.Id}/annotations",
        },
        ["name"] = run.Name,
        ["check_suite"] = new JObject { ["id"] = 1 },
        ["app"] = null,
        ["pull_requests"] = new JArray(),
    };

    public static JObject Status(Uri baseUrl, string repository, StandInStatus status) => new()
    {
        ["url"] = $"{baseUrl}repos/{repository}/statuses/{status.Sha}",
        ["avatar_url"] = null,
        ["id"] = status.Id,
        ["node_id"] = "SC_" + status.Id,
        ["state"] = status.State,
        ["description"] = status.Description,
        ["target_url"] = status.TargetUrl,
        ["context"] = status.Context,
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["creator"] = null,
    };
}

/// <summary>A check run as the stand-in keeps it; annotations accumulate over updates, as on GitHub.</summary>
public sealed class StandInCheckRun
{
    public long Id { get; init; }

    public required string Repository { get; init; }

    public required string Name { get; set; }

    public required string HeadSha { get; init; }

    public string? ExternalId { get; set; }

    public string? DetailsUrl { get; set; }

    public string Status { get; set; } = "queued";

    public string? Conclusion { get; set; }

    public string? StartedAt { get; set; }

    public string? CompletedAt { get; set; }

    public string? Title { get; set; }

    public string? Summary { get; set; }

    public List<JObject> Annotations { get; } = [];

    public int Updates { get; set; }
}

/// <summary>A commit status as posted.</summary>
public sealed record StandInStatus(long Id, string Repository, string Sha, string State, string? Description, string? TargetUrl, string Context);
