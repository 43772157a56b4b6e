namespace Reconciler.Runtime.Docker.Engine;

/// <summary>
/// A step of an apply that failed in a way the user must see; <see cref="DockerWorkspaceRuntime"/>
/// turns it into an <c>ApplyResult.Fail</c>. Never escapes the adapter.
/// </summary>
internal sealed class StepFailedException(string reason, string message, long? exitCode = null, string? outputTail = null)
    : Exception(message)
{
    public string Reason { get; } = reason;

    public long? ExitCode { get; } = exitCode;

    public string? OutputTail { get; } = outputTail;
}
