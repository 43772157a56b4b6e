using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Kubernetes.Observation;

/// <summary>
/// Whether a workspace's Pod is ready, and if not why: <see cref="Reason"/> is a machine word (<c>ImagePullBackOff</c>,
/// <c>Unschedulable</c>, <c>CrashLoopBackOff</c>, <c>Pending</c>, <c>NoPod</c>), <see cref="Message"/> the cluster's text
/// (e.g. <c>0/3 nodes are available: 3 Insufficient nvidia.com/gpu.</c>).
/// </summary>
public sealed record WorkspaceReadiness(WorkspaceKey Key, bool Ready, string? Reason = null, string? Message = null);
