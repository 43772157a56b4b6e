using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>Event ids 5500–5549 and 5660–5679: Jumpserver registration. Never logs the access key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "Registered {Workspace} with Jumpserver as asset {Asset} ({Protocols})")]
    public static partial void Registered(ILogger logger, string workspace, string asset, string protocols);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Removed {Workspace} from Jumpserver")]
    public static partial void Deregistered(ILogger logger, string workspace);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Warning, Message = "Jumpserver registration of {Workspace} failed ({Reason}): {Error}; the workspace keeps running, retried in {Retry}")]
    public static partial void RegistrationFailed(ILogger logger, string workspace, string reason, string error, TimeSpan retry);

    [LoggerMessage(EventId = 5503, Level = LogLevel.Warning, Message = "Removing {Workspace} from Jumpserver failed: {Error}; retried in {Retry}")]
    public static partial void DeregistrationFailed(ILogger logger, string workspace, string error, TimeSpan retry);

    [LoggerMessage(EventId = 5504, Level = LogLevel.Warning, Message = "Observing {Repository} for Jumpserver registration failed: {Error}; retried in {Retry}")]
    public static partial void ObserveFailed(ILogger logger, string repository, string error, TimeSpan retry);

    [LoggerMessage(EventId = 5660, Level = LogLevel.Information, Message = "Read {Count} Jumpserver registrations back from the database; {Orphans} of repositories no longer configured will be deregistered")]
    public static partial void RegistrationsLoaded(ILogger logger, int count, int orphans);
}
