using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.PullRequests;

/// <summary>Event ids 5200–5249: pull-request checks and previews. Never a token or key: repository, number, head only.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Pull request {Repository}#{Number} {Action} at {HeadSha}: queued")]
    public static partial void Queued(ILogger logger, string repository, int number, string action, string headSha);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Pull request {Repository}#{Number} {Action}: {Reason}; ignored")]
    public static partial void Ignored(ILogger logger, string repository, int number, string action, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Checked {Repository}#{Number} at {HeadSha}: {Outcome} {Conclusion} in {ElapsedMs} ms after the delivery")]
    public static partial void Checked(ILogger logger, string repository, int number, string headSha, string outcome, string conclusion, long elapsedMs);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Checking {Repository}#{Number} at {HeadSha} failed: {Error}")]
    public static partial void CheckFailed(ILogger logger, string repository, int number, string headSha, string error);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Check of {Repository}#{Number} at {HeadSha} is rate-limited by GitHub; queued again for {RetryAt:O}")]
    public static partial void CheckDeferred(ILogger logger, string repository, int number, string headSha, DateTimeOffset retryAt);
}
