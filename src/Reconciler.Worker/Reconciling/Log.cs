using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Reconciling;

/// <summary>Event ids 5000–5049: one reconcile pass. Repository, commit and workspace come from the logging scope.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Git sync failed ({Kind}): {Error}")]
    public static partial void SyncFailed(ILogger logger, string kind, string error);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Branch {Branch} does not exist on the remote; nothing is changed")]
    public static partial void BranchMissing(ILogger logger, string branch);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Workspace files are invalid ({Count} errors); nothing is changed until they are fixed:\n{Diagnostics}")]
    public static partial void Stalled(ILogger logger, int count, string diagnostics);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Observing the runtime failed: {Error}")]
    public static partial void ObserveFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Kind} done in {ElapsedMs} ms")]
    public static partial void Applied(ILogger logger, string kind, long elapsedMs);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "{Kind} failed: {Reason}: {Error}")]
    public static partial void ApplyFailed(ILogger logger, string kind, string reason, string error);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Debug, Message = "Converged: {Changed} changes, {Unchanged} unchanged, {Blocked} blocked")]
    public static partial void Converged(ILogger logger, int changed, int unchanged, int blocked);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Writing state failed: {Error}")]
    public static partial void StateWriteFailed(ILogger logger, string error);
}
