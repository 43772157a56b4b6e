using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Reads <c>runtimes.kubernetes</c> (already schema-valid) and reports, at the line that says it, what the schema cannot:
/// a cluster needs exactly one of <c>kubeconfig</c> and <c>inCluster: true</c>, <c>context</c> needs a kubeconfig,
/// <c>publicExposure: ingress</c> needs <c>ingressDomain</c>, and a name may not also be a Docker endpoint.
/// </summary>
internal static class KubernetesClustersReader
{
    public static Dictionary<string, KubernetesClusterConfig> Read(JObject root, LocatedDocument document, IReadOnlySet<string> dockerHosts, List<Diagnostic> diagnostics)
    {
        var clusters = new Dictionary<string, KubernetesClusterConfig>(StringComparer.Ordinal);
        if (root["runtimes"]?["kubernetes"] is not JObject section)
        {
            return clusters;
        }

        foreach (var entry in section.Properties())
        {
            var at = JsonPointer.Append("/runtimes/kubernetes", entry.Name);
            var value = (JObject)entry.Value;
            void Error(string pointer, string message)
                => diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"{JsonPointer.ToDisplayPath(pointer)}: {message}", document.Map.ValueLocation(pointer), pointer));

            var cluster = new KubernetesClusterConfig
            {
                Kubeconfig = (string?)value["kubeconfig"],
                Context = (string?)value["context"],
                InCluster = (bool?)value["inCluster"] ?? false,
                NamespacePattern = (string?)value["namespacePattern"] ?? "rc-{team}",
                CreateNamespaces = (bool?)value["createNamespaces"] ?? true,
                MaxPodSecurity = (string?)value["maxPodSecurity"] switch
                {
                    "baseline" => PodSecurityProfile.Baseline,
                    "privileged" => PodSecurityProfile.Privileged,
                    _ => PodSecurityProfile.Restricted,
                },
                PublicViaIngress = (string?)value["publicExposure"] == "ingress",
                IngressDomain = (string?)value["ingressDomain"],
                IngressClassName = (string?)value["ingressClassName"],
                StorageClassName = (string?)value["storageClassName"],
            };

            if (cluster.InCluster == (cluster.Kubeconfig is not null))
            {
                Error(at, cluster.InCluster
                    ? "write either kubeconfig or inCluster: true, not both"
                    : "say how to reach the cluster: kubeconfig: <path> (and context:) or inCluster: true");
            }
            else if (cluster.InCluster && cluster.Context is not null)
            {
                Error(JsonPointer.Append(at, "context"), "context selects a kubeconfig context; it has no meaning with inCluster: true");
            }

            if (cluster.PublicViaIngress && cluster.IngressDomain is null)
            {
                Error(JsonPointer.Append(at, "publicExposure"), "publicExposure: ingress needs ingressDomain (the DNS suffix of the Ingress hosts)");
            }

            if (dockerHosts.Contains(entry.Name))
            {
                Error(at, $"'{entry.Name}' is also a Docker endpoint (runtimes.docker.{entry.Name}); a host name names one runtime");
            }

            clusters[entry.Name] = cluster;
        }

        return clusters;
    }
}
