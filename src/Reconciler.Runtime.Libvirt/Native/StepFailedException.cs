namespace Reconciler.Runtime.Libvirt.Native;

/// <summary>One step of an apply failed for a reason we can name; becomes an <c>ApplyResult.Fail</c>.</summary>
internal sealed class StepFailedException(string reason, string message, long? exitCode = null, string? outputTail = null)
    : Exception(message)
{
    public string Reason { get; } = reason;

    public long? ExitCode { get; } = exitCode;

    public string? OutputTail { get; } = outputTail;
}
