using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Power;

/// <summary>Log messages of the lifecycle step and scheduler (event ids 5400–5449).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Warning, Message = "Re-deriving lifecycle triggers failed: {Error}; the power state is still recomputed at every pass")]
    public static partial void SchedulingFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Debug, Message = "Workspace {Workspace} is active: {Why}")]
    public static partial void Active(ILogger logger, string workspace, string why);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Lifecycle boundary fired for {Repository} (scheduled {ScheduledAt:o}, {LatenessMs} ms late)")]
    public static partial void BoundaryFired(ILogger logger, string repository, DateTimeOffset scheduledAt, long latenessMs);
}
