using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>Log messages of snapshots and published images; event ids 5640–5659. Registry passwords are never logged.</summary>
internal static partial class SnapshotLog
{
    [LoggerMessage(5640, LogLevel.Information, "Committed container {Id} of {Workspace} as {Image}")]
    public static partial void Committed(ILogger logger, string id, string workspace, string image);

    [LoggerMessage(5641, LogLevel.Information, "Pushed {Image}")]
    public static partial void Pushed(ILogger logger, string image);

    [LoggerMessage(5642, LogLevel.Information, "Starting {Workspace} from snapshot {Image}")]
    public static partial void StartingFromSnapshot(ILogger logger, string workspace, string image);

    [LoggerMessage(5643, LogLevel.Information, "Pruned snapshot {Image} (keeping {Retain})")]
    public static partial void Pruned(ILogger logger, string image, int retain);

    [LoggerMessage(5644, LogLevel.Warning, "Pruning the snapshots of {Workspace} failed: {Message}; retried after the next snapshot")]
    public static partial void PruneFailed(ILogger logger, string workspace, string message);

    [LoggerMessage(5645, LogLevel.Warning, "Could not remove the local image {Image}: {Message}")]
    public static partial void LocalImageKept(ILogger logger, string image, string message);

    [LoggerMessage(5646, LogLevel.Information, "Pulling snapshot {Image}")]
    public static partial void PullingSnapshot(ILogger logger, string image);

    [LoggerMessage(5647, LogLevel.Information, "Flattened {Image} to one layer (it was deeper than the layer limit)")]
    public static partial void Flattened(ILogger logger, string image);
}
