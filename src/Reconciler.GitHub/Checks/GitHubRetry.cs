using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Runs one API call. Retries while GitHub answers 5xx (or the connection fails), with exponential backoff from
/// <see cref="GitHubReportingOptions.FirstRetryDelay"/>. A rate-limit answer (<see cref="GitHubRateLimit"/>) closes
/// the gate for every call until GitHub's reset or <c>retry-after</c> time: a call waits for it when that is at most
/// <see cref="GitHubReportingOptions.MaxRateLimitWait"/> away, and otherwise fails at once with
/// <see cref="GitHubRateLimitedException"/> without calling GitHub. Other 4xx answers are the caller's mistake or
/// missing rights and are never retried.
/// </summary>
internal sealed class GitHubRetry(GitHubReportingOptions options, TimeProvider time, Action<int, int> onRetry, Action<RateLimitHit> onRateLimited)
{
    private readonly Lock _gate = new();
    private RateLimitHit? _limit;

    /// <summary>The rate limit in force (null when calls may go out).</summary>
    public RateLimitHit? Limit
    {
        get
        {
            lock (_gate)
            {
                return _limit is { } hit && hit.RetryAt > time.GetUtcNow() ? hit : null;
            }
        }
    }

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = options.FirstRetryDelay;
        var rateLimited = 0;
        for (var attempt = 1; ; attempt++)
        {
            if (Limit is { } limit)
            {
                await WaitOrThrowAsync(limit, cancellationToken);
            }

            try
            {
                return await call();
            }
            catch (ApiException e) when (GitHubRateLimit.Read(e, time.GetUtcNow(), options.MaxRateLimitBackoff) is { } hit)
            {
                lock (_gate)
                {
                    _limit = _limit is { } held && held.RetryAt > hit.RetryAt ? held : hit;
                }

                onRateLimited(hit);
                if (++rateLimited >= MaxRateLimitedAnswersPerCall)
                {
                    throw new GitHubRateLimitedException(hit);
                }

                attempt--; // waiting out a limit is not one of the attempts for server errors
            }
            catch (Exception e) when (attempt < options.MaxAttempts && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                onRetry(attempt, e is ApiException api ? (int)api.StatusCode : 0);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private Task WaitOrThrowAsync(RateLimitHit limit, CancellationToken cancellationToken)
    {
        var wait = limit.RetryAt - time.GetUtcNow();
        if (wait > options.MaxRateLimitWait)
        {
            throw new GitHubRateLimitedException(limit);
        }

        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    // A call limited again right after waiting gives up (the caller posts it later) rather than loop on a misreported reset.
    private const int MaxRateLimitedAnswersPerCall = 2;

    public static bool IsTransient(Exception error) => error switch
    {
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException => true,
        _ => false,
    };
}
