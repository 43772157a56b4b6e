namespace Reconciler.GitHub.Checks;

/// <summary>
/// How the worker talks to GitHub's REST API. Either a GitHub App (<see cref="AppId"/> + <see cref="PrivateKeyPem"/>:
/// check runs with annotations) or a <see cref="Token"/> (commit statuses). Secrets live here in memory only;
/// <see cref="ToString"/> prints none of them.
/// </summary>
public sealed record GitHubReportingOptions
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>REST base URL; for GitHub Enterprise Server <c>https://HOST/api/v3</c>.</summary>
    public Uri ApiUrl { get; init; } = DefaultApiUrl;

    public long? AppId { get; init; }

    /// <summary>The App's private key (PEM, PKCS#1 or PKCS#8).</summary>
    public string? PrivateKeyPem { get; init; }

    public string? Token { get; init; }

    /// <summary>Name of the check run, and the context of the commit status.</summary>
    public string CheckName { get; init; } = "reconciler";

    /// <summary>Attempts for one API call when GitHub answers 5xx or the connection fails (the first included).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first retry; doubled for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Longest a call waits in place for a rate limit to lift (GitHub's <c>retry-after</c> or <c>x-ratelimit-reset</c>);
    /// a longer limit makes the report <see cref="ReportOutcome.RateLimited"/> at once, and the worker posts it again
    /// when the limit lifts.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Upper bound on any rate-limit backoff, whatever reset time GitHub names (its primary window is one hour).</summary>
    public TimeSpan MaxRateLimitBackoff { get; init; } = TimeSpan.FromHours(1);

    public bool IsApp => AppId is not null && PrivateKeyPem is not null;

    public override string ToString() => IsApp ? $"GitHub App {AppId} at {ApiUrl}" : $"GitHub token at {ApiUrl}";
}
