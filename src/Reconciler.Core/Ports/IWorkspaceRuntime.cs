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

/// <summary>What Apply needs besides the action: the repository content (volume seed, build context) and options.</summary>
public sealed record ApplyContext(IRepositoryContent Repository, bool PruneVolumes);

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
