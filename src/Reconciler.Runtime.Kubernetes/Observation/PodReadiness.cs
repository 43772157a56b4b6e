using k8s.Models;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Kubernetes.Observation;

/// <summary>Pure: one Pod's status → the workspace condition. Waiting reasons of the container win over the Pod phase.</summary>
internal static class PodReadiness
{
    public static WorkspaceReadiness Evaluate(WorkspaceKey key, V1Pod pod)
    {
        var status = pod.Status;
        if (status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is { Status: "True" })
        {
            return new WorkspaceReadiness(key, true);
        }

        var waiting = (status?.ContainerStatuses ?? []).Select(c => c.State?.Waiting).FirstOrDefault(w => w?.Reason is { Length: > 0 });
        if (waiting is not null)
        {
            return new WorkspaceReadiness(key, false, waiting.Reason, waiting.Message);
        }

        var terminated = (status?.ContainerStatuses ?? []).Select(c => c.State?.Terminated).FirstOrDefault(t => t is not null);
        if (terminated is not null)
        {
            return new WorkspaceReadiness(key, false, terminated.Reason ?? "Terminated", terminated.Message);
        }

        if (status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False") is { } unscheduled)
        {
            return new WorkspaceReadiness(key, false, unscheduled.Reason ?? "Unschedulable", unscheduled.Message);
        }

        return new WorkspaceReadiness(key, false, status?.Phase ?? "Pending", null);
    }
}
