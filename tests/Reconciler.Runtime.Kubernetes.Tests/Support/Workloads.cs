using k8s.Models;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

public static class Workloads
{
    public static V1PodSpec PodSpec(RenderedWorkspace rendered) => rendered.Workload switch
    {
        V1Deployment d => d.Spec.Template.Spec,
        V1StatefulSet s => s.Spec.Template.Spec,
        var other => throw new InvalidOperationException($"unexpected workload {other.Kind}"),
    };

    public static int? Replicas(RenderedWorkspace rendered) => rendered.Workload switch
    {
        V1Deployment d => d.Spec.Replicas,
        V1StatefulSet s => s.Spec.Replicas,
        _ => null,
    };
}
