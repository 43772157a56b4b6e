using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Libvirt;

/// <summary>Source-generated log messages of the libvirt adapter; event ids are stable (2100–2199). Domain XML (it holds the VNC password) is never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Information, "Applying {Action} to {Workspace}")]
    public static partial void Applying(ILogger logger, string action, string workspace);

    [LoggerMessage(2101, LogLevel.Warning, "Apply {Action} of {Workspace} failed: {Reason}: {Message}")]
    public static partial void ApplyFailed(ILogger logger, string action, string workspace, string reason, string message);

    [LoggerMessage(2102, LogLevel.Information, "Created overlay {Overlay} over {BaseImage}")]
    public static partial void OverlayCreated(ILogger logger, string overlay, string baseImage);

    [LoggerMessage(2103, LogLevel.Information, "Defined domain {Name} ({Uuid})")]
    public static partial void Defined(ILogger logger, string name, string uuid);

    [LoggerMessage(2104, LogLevel.Information, "Started domain {Name}")]
    public static partial void Started(ILogger logger, string name);

    [LoggerMessage(2105, LogLevel.Information, "Domain {Name} did not shut down within {Timeout}; powering it off")]
    public static partial void ShutdownTimedOut(ILogger logger, string name, TimeSpan timeout);

    [LoggerMessage(2106, LogLevel.Information, "Stopped domain {Name}")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(2107, LogLevel.Information, "Undefined domain {Name}; overlay {Overlay} {Disposition}")]
    public static partial void Undefined(ILogger logger, string name, string overlay, string disposition);

    [LoggerMessage(2108, LogLevel.Warning, "Domain {Name} carries our metadata element but it is unreadable; ignored")]
    public static partial void UnreadableMetadata(ILogger logger, string name);

    [LoggerMessage(2109, LogLevel.Warning, "Refusing to touch domain {Name}: it does not carry the ownership metadata of {Workspace}")]
    public static partial void NotOwned(ILogger logger, string name, string workspace);

    [LoggerMessage(2110, LogLevel.Information, "Downloading base image {Image} from {Url}")]
    public static partial void ImageDownloading(ILogger logger, string image, string url);

    [LoggerMessage(2111, LogLevel.Information, "Downloaded base image {Image}: {Bytes} bytes in {ElapsedMs} ms, sha256 verified")]
    public static partial void ImageDownloaded(ILogger logger, string image, long bytes, long elapsedMs);
}
