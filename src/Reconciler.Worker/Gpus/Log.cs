using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Gpus;

/// <summary>Event ids 5200–5219: GPU inventory and allocation.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "GPU inventory of host {Host} read from {Source}: {Count} GPUs")]
    public static partial void InventoryRead(ILogger logger, string host, string source, int count);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "GPU inventory of host {Host} could not be read from {Source}: {Error}")]
    public static partial void InventoryFailed(ILogger logger, string host, string source, string error);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "GPUs released on the runtime; requeueing {Count} repositories with pending GPU requests")]
    public static partial void RequeueingPending(ILogger logger, int count);
}
