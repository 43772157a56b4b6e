using Microsoft.Extensions.Logging;
using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Posts pull-request reports to GitHub: a check run when configured as a GitHub App, otherwise a commit status.
/// Never throws for GitHub's answers: 401/403 are logged and counted (<see cref="Unauthorized"/>), 5xx retried, a rate
/// limit waited out or reported (<see cref="RateLimited"/>, <see cref="RateLimit"/>), and whatever remains is logged
/// and counted (<see cref="Failures"/>), so the worker keeps serving.
/// </summary>
public sealed class PullRequestReporter
{
    private readonly GitHubReportingOptions _options;
    private readonly GitHubClients _clients;
    private readonly CheckRunReporter _checks;
    private readonly CommitStatusReporter _statuses;
    private readonly ILogger _logger;
    private long _posted;
    private long _unauthorized;
    private long _failures;
    private long _retries;
    private long _rateLimited;
    private long _rateLimitHits;
    private readonly GitHubRetry _retry;

    public PullRequestReporter(GitHubReportingOptions options, TimeProvider time, ILogger<PullRequestReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsApp && string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException("GitHub reporting needs an App id and private key, or a token", nameof(options));
        }

        _options = options;
        _logger = logger;
        var retry = _retry = new GitHubRetry(options, time, (attempt, status) =>
        {
            Interlocked.Increment(ref _retries);
            Log.Retrying(_logger, status, attempt);
        }, hit =>
        {
            Interlocked.Increment(ref _rateLimitHits);
            Log.RateLimitHit(_logger, hit.Kind, hit.StatusCode, hit.RetryAt);
        });
        _clients = new GitHubClients(options, time, retry);
        _checks = new CheckRunReporter(options, _clients, retry, time);
        _statuses = new CommitStatusReporter(options, _clients, retry);
    }

    /// <summary><c>check run</c> (App) or <c>commit status</c> (token).</summary>
    public string Kind => _options.IsApp ? "check run" : "commit status";

    public long Posted => Interlocked.Read(ref _posted);

    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    public long Failures => Interlocked.Read(ref _failures);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Reports not posted because a rate limit held too long (each is posted again later by the caller).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Rate-limited answers GitHub gave (403/429 with its rate-limit headers, or a secondary limit).</summary>
    public long RateLimitHits => Interlocked.Read(ref _rateLimitHits);

    /// <summary>The rate limit in force: no call goes out before its <see cref="RateLimitHit.RetryAt"/> (null: none).</summary>
    public RateLimitHit? RateLimit => _retry.Limit;

    public async Task<ReportOutcome> ReportAsync(PullRequestReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            if (_options.IsApp)
            {
                await _checks.PostAsync(report, cancellationToken);
            }
            else
            {
                await _statuses.PostAsync(report, cancellationToken);
            }

            Interlocked.Increment(ref _posted);
            Log.Posted(_logger, Kind, report.Repository, report.Number, report.HeadSha, report.Conclusion, report.Annotations.Count);
            return ReportOutcome.Posted;
        }
        catch (GitHubRateLimitedException e)
        {
            Interlocked.Increment(ref _rateLimited);
            Log.RateLimited(_logger, Kind, report.Repository, report.Number, e.Hit.Kind, e.Hit.RetryAt);
            return ReportOutcome.RateLimited;
        }
        catch (ApiException e) when (e is AuthorizationException || e.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            _clients.Invalidate();
            Interlocked.Increment(ref _unauthorized);
            Log.Unauthorized(_logger, (int)e.StatusCode, Kind, report.Repository, report.Number);
            return ReportOutcome.Unauthorized;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            Interlocked.Increment(ref _failures);
            Log.Failed(_logger, Kind, report.Repository, report.Number, e is ApiException api ? $"{(int)api.StatusCode} {api.Message}" : e.GetType().Name);
            return ReportOutcome.Failed;
        }
    }
}
