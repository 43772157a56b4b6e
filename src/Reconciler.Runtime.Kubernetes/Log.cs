using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Kubernetes;

/// <summary>Source-generated log messages of the Kubernetes adapter; event ids are stable (2100–2199). Env values are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Information, "Applying {Action} to {Workspace}")]
    public static partial void Applying(ILogger logger, string action, string workspace);

    [LoggerMessage(2101, LogLevel.Warning, "Apply {Action} of {Workspace} failed: {Reason}: {Message}")]
    public static partial void ApplyFailed(ILogger logger, string action, string workspace, string reason, string message);

    [LoggerMessage(2102, LogLevel.Warning, "{Kind} {Namespace}/{Name} carries the managed-by label but no repository/workspace annotation; ignored")]
    public static partial void Unreadable(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(2103, LogLevel.Information, "409 Conflict applying {Kind} {Namespace}/{Name} (attempt {Attempt}); re-reading and retrying")]
    public static partial void Conflict(ILogger logger, string kind, string @namespace, string name, int attempt);

    [LoggerMessage(2104, LogLevel.Information, "Deleted {Kind} {Namespace}/{Name}")]
    public static partial void Deleted(ILogger logger, string kind, string @namespace, string name);

    [LoggerMessage(2105, LogLevel.Warning, "Watch of {Kind} closed ({Reason}); reconnecting")]
    public static partial void WatchClosed(ILogger logger, string kind, string reason);

    [LoggerMessage(2106, LogLevel.Information, "{Identity} holds the lease: applying")]
    public static partial void StartedLeading(ILogger logger, string identity);

    [LoggerMessage(2107, LogLevel.Warning, "{Identity} lost the lease: not applying")]
    public static partial void StoppedLeading(ILogger logger, string identity);

    [LoggerMessage(2108, LogLevel.Information, "Ran {Command} in Pod {Namespace}/{Pod}: exit code {ExitCode}")]
    public static partial void LifecycleRan(ILogger logger, string command, string @namespace, string pod, int exitCode);

    [LoggerMessage(2109, LogLevel.Information, "{Command} already ran on claim {Claim}; not run again in Pod {Namespace}/{Pod}")]
    public static partial void LifecycleSkipped(ILogger logger, string command, string @namespace, string pod, string claim);

    [LoggerMessage(2110, LogLevel.Warning, "Could not record the lifecycle marks on {Kind} {Namespace}/{Name} ({Status}); the next pass runs the commands again")]
    public static partial void LifecycleUnrecorded(ILogger logger, string kind, string @namespace, string name, int status);
}
