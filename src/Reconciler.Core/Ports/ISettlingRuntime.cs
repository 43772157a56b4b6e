using Reconciler.Core.Desired;

namespace Reconciler.Core.Ports;

/// <summary>
/// A runtime whose workspaces come up after the apply returns (Kubernetes: the scheduler places the Pod, the kubelet
/// pulls the image). After each pass's apply the worker asks it how the repository's running workspaces are doing, and
/// lets it finish what waits for readiness (lifecycle commands through exec) when <c>mayChange</c> (the leader).
/// A constant number of API calls per pass, whatever the number of workspaces.
/// </summary>
public interface ISettlingRuntime
{
    Task<IReadOnlyList<WorkspaceSettlement>> SettleAsync(string repository, IReadOnlyList<DesiredWorkspace> running, bool mayChange, CancellationToken cancellationToken);
}

/// <summary>
/// Where a running workspace stands on its runtime: <see cref="Ready"/>, else <see cref="Reason"/> (a machine word such as
/// <c>ImagePullBackOff</c>, <c>Unschedulable</c>, <c>NoPod</c>) and the runtime's <see cref="Message"/>.
/// <see cref="Lifecycle"/> is a failed lifecycle command (reason <c>LifecycleCommandFailed</c>), null when none failed.
/// </summary>
public sealed record WorkspaceSettlement(WorkspaceKey Key, bool Ready, string Reason, string? Message, ApplyResult? Lifecycle = null);
