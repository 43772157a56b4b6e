using Microsoft.Extensions.Logging;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Log messages of GitHub reporting; event ids 4100–4149. Tokens, JWTs and private keys are never logged: only the
/// repository, the pull request, the head and GitHub's status code.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Posted the {Kind} for {Repository}#{Number} at {HeadSha}: {Conclusion}, {Annotations} annotations")]
    public static partial void Posted(ILogger logger, string kind, string repository, int number, string headSha, ReportConclusion conclusion, int annotations);

    [LoggerMessage(4101, LogLevel.Warning, "GitHub answered {StatusCode} (0: no answer); retrying (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, int statusCode, int attempt);

    [LoggerMessage(4102, LogLevel.Error, "GitHub refused the credentials ({StatusCode}) posting the {Kind} for {Repository}#{Number}; check the token or the App's id, key and installation")]
    public static partial void Unauthorized(ILogger logger, int statusCode, string kind, string repository, int number);

    [LoggerMessage(4103, LogLevel.Error, "Posting the {Kind} for {Repository}#{Number} failed: {Error}")]
    public static partial void Failed(ILogger logger, string kind, string repository, int number, string error);

    [LoggerMessage(4104, LogLevel.Warning, "GitHub rate limit ({Limit}, answered {StatusCode}): no calls until {RetryAt:O}")]
    public static partial void RateLimitHit(ILogger logger, RateLimitKind limit, int statusCode, DateTimeOffset retryAt);

    [LoggerMessage(4105, LogLevel.Warning, "The {Kind} for {Repository}#{Number} is rate-limited ({Limit}); it is posted again after {RetryAt:O}")]
    public static partial void RateLimited(ILogger logger, string kind, string repository, int number, RateLimitKind limit, DateTimeOffset retryAt);
}
