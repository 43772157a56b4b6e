using k8s;
using Reconciler.Core.Configuration;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes;

/// <summary>Turns a cluster of the worker configuration into a client configuration and runtime options.</summary>
public static class KubernetesClusterConnection
{
    /// <param name="baseDirectory">Folder of the configuration file: a relative kubeconfig path is relative to it.</param>
    public static KubernetesClientConfiguration ClientConfiguration(KubernetesClusterConfig cluster, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (cluster.InCluster)
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var path = Path.GetFullPath(cluster.Kubeconfig ?? throw new ArgumentException("a cluster needs kubeconfig or inCluster"), baseDirectory);
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: cluster.Context);
    }

    public static KubernetesRuntimeOptions RuntimeOptions(KubernetesClusterConfig cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var defaults = new KubernetesRenderOptions();
        return new KubernetesRuntimeOptions
        {
            CreateNamespaces = cluster.CreateNamespaces,
            Render = defaults with
            {
                NamespacePattern = cluster.NamespacePattern,
                MaxPodSecurity = cluster.MaxPodSecurity switch
                {
                    PodSecurityProfile.Baseline => PodSecurityLevel.Baseline,
                    PodSecurityProfile.Privileged => PodSecurityLevel.Privileged,
                    _ => PodSecurityLevel.Restricted,
                },
                PublicExposure = cluster.PublicViaIngress ? PublicExposure.Ingress : PublicExposure.LoadBalancer,
                IngressDomain = cluster.IngressDomain ?? defaults.IngressDomain,
                IngressClassName = cluster.IngressClassName,
                StorageClassName = cluster.StorageClassName,
            },
        };
    }
}
