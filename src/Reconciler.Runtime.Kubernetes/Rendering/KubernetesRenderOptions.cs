namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>How a <c>ports</c> entry with <c>expose: public</c> is reached from outside the cluster.</summary>
public enum PublicExposure
{
    /// <summary>A second Service of type LoadBalancer carrying only the public ports (default).</summary>
    LoadBalancer,

    /// <summary>An Ingress with one host per public port: <c>&lt;object name&gt;-&lt;port&gt;.&lt;IngressDomain&gt;</c>.</summary>
    Ingress,
}

/// <summary>
/// Cluster-level rendering settings (from the worker configuration). Defaults render the most
/// restrictive, portable objects: namespace <c>rc-&lt;team&gt;</c>, Pod Security "restricted", LoadBalancer
/// for public ports, the cluster's default StorageClass.
/// </summary>
public sealed record KubernetesRenderOptions
{
    /// <summary>Namespace of a workspace; <c>{team}</c> is replaced by the slug of its team (or <see cref="DefaultTeam"/>).</summary>
    public string NamespacePattern { get; init; } = "rc-{team}";

    /// <summary>Team used in <see cref="NamespacePattern"/> for workspaces that name none.</summary>
    public string DefaultTeam { get; init; } = "default";

    /// <summary>
    /// The most permissive Pod Security level a workspace may need. A workspace whose devcontainer needs more
    /// (root user, privileged, added capabilities, an NFS volume) is not rendered; one that needs at most this
    /// level is rendered with the deviations listed in <see cref="RenderedWorkspace.SecurityDeviations"/>.
    /// </summary>
    public PodSecurityLevel MaxPodSecurity { get; init; } = PodSecurityLevel.Restricted;

    public PublicExposure PublicExposure { get; init; } = PublicExposure.LoadBalancer;

    /// <summary>DNS suffix of Ingress hosts; required when <see cref="PublicExposure"/> is Ingress.</summary>
    public string IngressDomain { get; init; } = "workspaces.local";

    public string? IngressClassName { get; init; }

    /// <summary>StorageClass of claims; null uses the cluster default.</summary>
    public string? StorageClassName { get; init; }

    /// <summary>Size of a claim whose storage entry (or the workspace's <c>disk</c>) names none.</summary>
    public long DefaultClaimBytes { get; init; } = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// UID (and GID) the container runs as when devcontainer.json names no user or a user by name: Kubernetes
    /// cannot resolve names from the image, and "restricted" needs a provably non-root user.
    /// </summary>
    public long DefaultUserId { get; init; } = 1000;
}
