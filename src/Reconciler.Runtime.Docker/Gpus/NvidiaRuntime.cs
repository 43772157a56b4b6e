namespace Reconciler.Runtime.Docker.Gpus;

/// <summary>
/// Recognises the engine's answer when a container asks for GPUs on a host without the NVIDIA container toolkit:
/// <c>could not select device driver "nvidia" with capabilities: [[gpu]]</c> (no toolkit) or an error of the
/// <c>nvidia-container-cli</c> prestart hook (no driver, unknown device UUID).
/// </summary>
internal static class NvidiaRuntime
{
    public const string UnavailableReason = "NvidiaRuntimeUnavailable";

    public static bool IsUnavailable(string message)
        => message.Contains("could not select device driver", StringComparison.OrdinalIgnoreCase)
           || message.Contains("nvidia-container-cli", StringComparison.OrdinalIgnoreCase)
           || message.Contains("nvidia-container-runtime", StringComparison.OrdinalIgnoreCase);

    public static string Explain(string message, string host)
        => IsUnavailable(message) ? $"NVIDIA runtime not available on host {host}: {message}" : message;
}
