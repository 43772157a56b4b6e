using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Retries one API call while GitHub answers 5xx (or the connection fails), with exponential backoff from
/// <see cref="GitHubReportingOptions.FirstRetryDelay"/>. 4xx answers are the caller's mistake or missing rights and are
/// never retried.
/// </summary>
internal sealed class GitHubRetry(GitHubReportingOptions options, TimeProvider time, Action<int, int> onRetry)
{
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (attempt < options.MaxAttempts && IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                onRetry(attempt, e is ApiException api ? (int)api.StatusCode : 0);
                await Task.Delay(delay, time, cancellationToken);
                delay *= 2;
            }
        }
    }

    public static bool IsTransient(Exception error) => error switch
    {
        ApiException api => (int)api.StatusCode >= 500,
        HttpRequestException => true,
        _ => false,
    };
}
