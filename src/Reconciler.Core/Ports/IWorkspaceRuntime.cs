using Reconciler.Core.Desired;
using Reconciler.Core.Planning;

namespace Reconciler.Core.Ports;

/// <summary>
/// A runtime that runs workspaces (Docker engine, Kubernetes cluster, libvirt host). Observe is one
/// list call per pass; Apply performs exactly one plan action and is safe to repeat after a crash.
/// </summary>
public interface IWorkspaceRuntime
{
    /// <summary>All managed workspaces, or those of one repository, with one list call.</summary>
    Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync(string? repository, CancellationToken cancellationToken);

    Task<ApplyResult> ApplyAsync(PlanAction action, ApplyContext context, CancellationToken cancellationToken);
}

/// <summary>
/// What Apply needs besides the action: the repository content (volume seed, build context) and options.
/// <see cref="Output"/>, when set, receives long steps' output (image builds) while they run.
/// </summary>
public sealed record ApplyContext(IRepositoryContent Repository, bool PruneVolumes, IApplyOutput? Output = null);

/// <summary>
/// Receives a runtime's progress text for one workspace while an action runs, in chunks of whole lines (the worker
/// appends them to the workspace's event log). A failing writer must not fail the action: implementations swallow.
/// </summary>
public interface IApplyOutput
{
    /// <param name="step">What produced the text, e.g. <c>build</c>.</param>
    Task WriteAsync(Desired.WorkspaceKey key, string step, string text, CancellationToken cancellationToken);
}

public enum ApplyOutcome
{
    Succeeded,
    Failed,
}

/// <summary>
/// Result of one action. On failure <see cref="Reason"/> is a short machine word (ImagePullFailed,
/// BuildFailed, LifecycleCommandFailed, …), <see cref="Message"/> the human text, <see cref="ExitCode"/> and
/// <see cref="OutputTail"/> the last lines of a failing command.
/// </summary>
public sealed record ApplyResult(
    ApplyOutcome Outcome,
    string? Reason = null,
    string? Message = null,
    long? ExitCode = null,
    string? OutputTail = null)
{
    public static ApplyResult Ok { get; } = new(ApplyOutcome.Succeeded);

    public static ApplyResult Fail(string reason, string message, long? exitCode = null, string? outputTail = null)
        => new(ApplyOutcome.Failed, reason, message, exitCode, outputTail);
}
