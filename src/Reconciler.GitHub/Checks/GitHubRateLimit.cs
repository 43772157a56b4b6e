using System.Globalization;
using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>Which of GitHub's limits an answer reported.</summary>
public enum RateLimitKind
{
    /// <summary>The hourly quota is spent: <c>x-ratelimit-remaining: 0</c>, back at <c>x-ratelimit-reset</c>.</summary>
    Primary,

    /// <summary>Too many requests too fast (abuse detection): <c>retry-after</c>, or at least a minute when it is absent.</summary>
    Secondary,
}

/// <summary>One rate-limited answer: which limit, and when GitHub says calls may resume (already bounded).</summary>
public sealed record RateLimitHit(RateLimitKind Kind, int StatusCode, DateTimeOffset RetryAt);

/// <summary>
/// Tells GitHub's rate-limit answers from a refusal of the credentials, as GitHub documents them
/// (docs.github.com, "Rate limits for the REST API"): a 403 or 429 with <c>retry-after</c>, or with
/// <c>x-ratelimit-remaining: 0</c> (resume at <c>x-ratelimit-reset</c>, epoch seconds), or whose message names a
/// secondary rate limit (resume after one minute). Any other 403 is a permission problem.
/// </summary>
internal static class GitHubRateLimit
{
    /// <summary>GitHub's advice when a secondary limit names no time: wait at least one minute.</summary>
    public static readonly TimeSpan SecondaryDefault = TimeSpan.FromMinutes(1);

    public static RateLimitHit? Read(ApiException error, DateTimeOffset now, TimeSpan maxBackoff)
    {
        var status = (int)error.StatusCode;
        if (status is not (403 or 429) || error.HttpResponse is not { } response)
        {
            return null;
        }

        var headers = response.Headers;
        var remaining = Header(headers, "x-ratelimit-remaining");
        RateLimitHit? hit = null;
        if (Header(headers, "retry-after") is { } retryAfter && long.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            hit = new RateLimitHit(remaining == "0" ? RateLimitKind.Primary : RateLimitKind.Secondary, status, now.AddSeconds(Math.Min(seconds, maxBackoff.TotalSeconds)));
        }
        else if (remaining == "0")
        {
            var reset = Header(headers, "x-ratelimit-reset") is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(epoch, now.Add(maxBackoff).ToUnixTimeSeconds()))
                : now.Add(SecondaryDefault);
            hit = new RateLimitHit(RateLimitKind.Primary, status, reset < now ? now : reset);
        }
        else if (status == 429 || error is SecondaryRateLimitExceededException or AbuseException
                 || error.Message.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase))
        {
            hit = new RateLimitHit(RateLimitKind.Secondary, status, now.Add(SecondaryDefault < maxBackoff ? SecondaryDefault : maxBackoff));
        }

        return hit;
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.Trim();
            }
        }

        return null;
    }
}

/// <summary>
/// Thrown by <see cref="GitHubRetry"/> instead of calling GitHub while a rate limit holds beyond what a call may wait
/// (<see cref="GitHubReportingOptions.MaxRateLimitWait"/>); the reporter turns it into <see cref="ReportOutcome.RateLimited"/>.
/// </summary>
internal sealed class GitHubRateLimitedException(RateLimitHit hit) : Exception($"GitHub rate limit ({hit.Kind}) until {hit.RetryAt:O}")
{
    public RateLimitHit Hit { get; } = hit;
}
