using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Runtimes;

/// <summary>Event ids 5450–5469: runtime hosts (the test-only libvirt step hook).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5460, Level = LogLevel.Warning, Message = "Test step hook: paused after libvirt step {Step} on host {Host} (RECONCILER_TEST_PAUSE_AFTER_STEP)")]
    public static partial void PausedAtStep(ILogger logger, string step, string host);
}
