using k8s;
using k8s.Models;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// The objects of one workspace. <see cref="Workload"/> is a Deployment (<c>k8s_pod</c>) or a StatefulSet
/// (<c>k8s_stateful</c>). When <see cref="Problems"/> is not empty nothing may be applied: the workspace needs
/// something this cluster's settings do not allow, and each entry says what.
/// </summary>
public sealed record RenderedWorkspace
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required V1Namespace NamespaceObject { get; init; }

    public required IKubernetesObject<V1ObjectMeta> Workload { get; init; }

    public V1Service? Service { get; init; }

    public V1Service? PublicService { get; init; }

    public V1Ingress? Ingress { get; init; }

    /// <summary>The Pod Security level the Pod needs (Restricted unless the devcontainer asks for more).</summary>
    public PodSecurityLevel PodSecurity { get; init; } = PodSecurityLevel.Restricted;

    /// <summary>Why the Pod is not "restricted", for the plan (empty when it is).</summary>
    public IReadOnlyList<string> SecurityDeviations { get; init; } = [];

    /// <summary>What blocks the workspace on this cluster (empty when it can be applied).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Namespaced objects in apply order: workload first, then Services and Ingress.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> NamespacedObjects()
    {
        yield return Workload;
        if (Service is not null)
        {
            yield return Service;
        }

        if (PublicService is not null)
        {
            yield return PublicService;
        }

        if (Ingress is not null)
        {
            yield return Ingress;
        }
    }

    /// <summary>Every object, the Namespace first.</summary>
    public IEnumerable<IKubernetesObject<V1ObjectMeta>> AllObjects()
        => NamespacedObjects().Prepend(NamespaceObject);
}
