using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// The labels, annotations and selector of one workspace, computed once per render (the flattened spec is serialized
/// once, not once per object). Each call returns a fresh copy: rendered objects never share a dictionary.
/// </summary>
internal sealed class WorkspaceMetadata(DesiredWorkspace desired)
{
    private readonly Dictionary<string, string> _labels = KubernetesLabels.ForObject(desired);
    private readonly Dictionary<string, string> _annotations = KubernetesLabels.Annotations(desired);
    private readonly Dictionary<string, string> _selector = KubernetesLabels.Selector(desired.Key);

    public Dictionary<string, string> Labels() => new(_labels, StringComparer.Ordinal);

    public Dictionary<string, string> Annotations() => new(_annotations, StringComparer.Ordinal);

    public Dictionary<string, string> Selector() => new(_selector, StringComparer.Ordinal);
}
