using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Leadership;

/// <summary>Log messages of leader election and the Kubernetes watches (event ids 5450–5499).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5450, Level = LogLevel.Information, Message = "Leader election on cluster {Cluster}: campaigning for Lease {Namespace}/{Name} as {Identity}; standing by until it is held")]
    public static partial void Campaigning(ILogger logger, string cluster, string @namespace, string name, string identity);

    [LoggerMessage(EventId = 5451, Level = LogLevel.Information, Message = "Holding the Lease: enqueued {Repositories} repositories")]
    public static partial void Leading(ILogger logger, int repositories);

    [LoggerMessage(EventId = 5452, Level = LogLevel.Debug, Message = "Standing by: {Identity} does not hold the Lease; the plan has {Changes} changes for the leader")]
    public static partial void Standby(ILogger logger, string identity, int changes);

    [LoggerMessage(EventId = 5453, Level = LogLevel.Debug, Message = "Kubernetes change on {Host} enqueues {Repository} (workspace {Workspace})")]
    public static partial void WatchEnqueued(ILogger logger, string host, string repository, string workspace);

    [LoggerMessage(EventId = 5454, Level = LogLevel.Warning, Message = "Reading the Pods of cluster {Host} failed: {Error}; readiness is reported at the next pass")]
    public static partial void SettleFailed(ILogger logger, string host, string error);

    [LoggerMessage(EventId = 5455, Level = LogLevel.Information, Message = "Watching managed workloads and Pods on cluster {Host}: a change enqueues its repository")]
    public static partial void Watching(ILogger logger, string host);
}
