using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Kubernetes.Api;

/// <summary>
/// Server-side apply of rendered objects with field manager <see cref="KubernetesRuntimeOptions.FieldManager"/>, forced
/// (Reconciler owns what it renders). A 409 Conflict re-reads the object and tries again, up to
/// <see cref="KubernetesRuntimeOptions.ConflictAttempts"/> times; then the conflict is the result.
/// </summary>
internal sealed class ServerSideApply(IKubernetes client, KubernetesRuntimeOptions options, ApiCallCounter calls, ILogger logger)
{
    public async Task ApplyAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                calls.Write();
                await PatchAsync(item, new V1Patch(item, V1Patch.PatchType.ApplyPatch), cancellationToken);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < options.ConflictAttempts)
            {
                Log.Conflict(logger, item.Kind, item.Metadata.NamespaceProperty ?? "", item.Metadata.Name, attempt);
                await new ObjectReader(client, calls).ReadAsync(item.Kind, item.Metadata.NamespaceProperty, item.Metadata.Name, cancellationToken);
            }
        }
    }

    private Task PatchAsync(IKubernetesObject<V1ObjectMeta> item, V1Patch patch, CancellationToken cancellationToken)
    {
        const string manager = KubernetesRuntimeOptions.FieldManager;
        var name = item.Metadata.Name;
        var ns = item.Metadata.NamespaceProperty;
        return item switch
        {
            V1Namespace => client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: manager, force: true, cancellationToken: cancellationToken),
            V1Deployment => client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken),
            V1StatefulSet => client.AppsV1.PatchNamespacedStatefulSetAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken),
            V1Service => client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken),
            V1Ingress => client.NetworkingV1.PatchNamespacedIngressAsync(patch, name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken),
            _ => throw new NotSupportedException($"no apply for {item.Kind}"),
        };
    }
}
