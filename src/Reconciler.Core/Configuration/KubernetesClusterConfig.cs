namespace Reconciler.Core.Configuration;

public enum PodSecurityProfile
{
    Restricted,
    Baseline,
    Privileged,
}

/// <summary>
/// One Kubernetes cluster from <c>runtimes.kubernetes.&lt;name&gt;</c>: a kubeconfig file (path resolved by the host) and
/// context, or the in-cluster service account, plus how workspaces are rendered there (docs/kubernetes.md).
/// </summary>
public sealed record KubernetesClusterConfig
{
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    public bool InCluster { get; init; }

    public string NamespacePattern { get; init; } = "rc-{team}";

    public bool CreateNamespaces { get; init; } = true;

    public PodSecurityProfile MaxPodSecurity { get; init; } = PodSecurityProfile.Restricted;

    /// <summary>True: public ports through an Ingress; false: a LoadBalancer Service.</summary>
    public bool PublicViaIngress { get; init; }

    public string? IngressDomain { get; init; }

    public string? IngressClassName { get; init; }

    public string? StorageClassName { get; init; }
}
