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

    public bool IsApp => AppId is not null && PrivateKeyPem is not null;

    public override string ToString() => IsApp ? $"GitHub App {AppId} at {ApiUrl}" : $"GitHub token at {ApiUrl}";
}
