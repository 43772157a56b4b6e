using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Runtimes;

/// <summary>
/// Test-only: when <c>RECONCILER_TEST_PAUSE_AFTER_STEP</c> names a libvirt apply step (<c>defined</c>, <c>started</c>,
/// <c>stopped</c>, <c>undefined</c>), the worker logs that it paused there and blocks that pass for good, so a crash test
/// can SIGKILL the real worker exactly between two libvirt calls. Unset (always in production) it does nothing.
/// </summary>
internal static class StepPauseHook
{
    public const string EnvironmentVariable = "RECONCILER_TEST_PAUSE_AFTER_STEP";

    /// <summary>The hook for <paramref name="host"/>, or null when the variable is not set.</summary>
    public static Action<string>? FromEnvironment(string host, ILogger logger)
    {
        var pauseAt = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(pauseAt))
        {
            return null;
        }

        return step =>
        {
            if (string.Equals(step, pauseAt, StringComparison.Ordinal))
            {
                Log.PausedAtStep(logger, step, host);
                Thread.Sleep(Timeout.Infinite);
            }
        };
    }
}
