using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Reconciler.Runtime.Kubernetes.Api;

/// <summary>Reads and deletes single objects by kind, namespace and name; 404 is "absent", not an error.</summary>
internal sealed class ObjectReader(IKubernetes client, ApiCallCounter calls)
{
    public async Task<IKubernetesObject<V1ObjectMeta>?> ReadAsync(string kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            calls.Read();
            return kind switch
            {
                "Namespace" => await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken),
                "Deployment" => await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
                "StatefulSet" => await client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken),
                "Service" => await client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken),
                "Ingress" => await client.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"no read for {kind}"),
            };
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Deletes the object when it exists and carries our managed-by label; true when something was deleted.</summary>
    public async Task<bool> DeleteOwnedAsync(string kind, string ns, string name, CancellationToken cancellationToken)
    {
        var existing = await ReadAsync(kind, ns, name, cancellationToken);
        if (existing?.Metadata.Labels?.TryGetValue(Core.Desired.OwnershipLabels.ManagedBy, out var by) != true || by != Core.Desired.OwnershipLabels.ManagedByValue)
        {
            return false;
        }

        try
        {
            calls.Write();
            _ = kind switch
            {
                "Deployment" => await client.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken),
                "StatefulSet" => await client.AppsV1.DeleteNamespacedStatefulSetAsync(name, ns, cancellationToken: cancellationToken),
                "Service" => await client.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken),
                "Ingress" => (object)await client.NetworkingV1.DeleteNamespacedIngressAsync(name, ns, cancellationToken: cancellationToken),
                _ => throw new NotSupportedException($"no delete for {kind}"),
            };
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
