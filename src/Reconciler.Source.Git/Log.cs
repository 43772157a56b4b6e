using Microsoft.Extensions.Logging;

namespace Reconciler.Source.Git;

/// <summary>Log events of the git source; every URL in them is credential-free.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Cloned {Identity} into {CachePath} in {ElapsedMs} ms")]
    public static partial void Cloned(ILogger logger, string identity, string cachePath, long elapsedMs);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Fetched {Identity} branches {Branches} in {ElapsedMs} ms")]
    public static partial void Fetched(ILogger logger, string identity, string branches, long elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "{Identity} unchanged, no fetch")]
    public static partial void UpToDate(ILogger logger, string identity);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Cache of {Identity} at {CachePath} is corrupt; re-cloning")]
    public static partial void CacheCorrupt(ILogger logger, string identity, string cachePath);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "git {Operation} of {Identity} failed ({Kind}): {Reason}")]
    public static partial void Failed(ILogger logger, string operation, string identity, Errors.GitFailureKind kind, string reason);
}
