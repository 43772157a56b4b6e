using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Previews;

/// <summary>Event ids 5250–5299: pull-request previews.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5250, Level = LogLevel.Information, Message = "Previews of {Repository}#{Number} ({Reason}): {Changed} changes, {Failed} failed")]
    public static partial void Converged(ILogger logger, string repository, int number, string reason, int changed, int failed);

    [LoggerMessage(EventId = 5251, Level = LogLevel.Information, Message = "No previews for {Repository}#{Number}: {Reason}")]
    public static partial void Skipped(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 5252, Level = LogLevel.Warning, Message = "Previews of {Repository}#{Number} failed: {Error}")]
    public static partial void Failed(ILogger logger, string repository, int number, string error);

    [LoggerMessage(EventId = 5253, Level = LogLevel.Warning, Message = "Preview {Workspace}: {Kind} failed: {Reason} {Message}")]
    public static partial void ActionFailed(ILogger logger, string workspace, string kind, string reason, string message);
}
