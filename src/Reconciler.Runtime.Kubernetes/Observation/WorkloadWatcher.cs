using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes.Observation;

/// <summary>
/// Watches managed Deployments, StatefulSets and Pods and reports the workspace of every change (a trigger: the caller
/// only enqueues a key and the next pass re-reads everything; a Pod turning ready updates the status without waiting
/// for the poll interval). A closed or broken watch is opened again after
/// <see cref="ReconnectDelay"/>, from the current state (events missed while disconnected arrive as ADDED).
/// </summary>
public sealed class WorkloadWatcher(KubernetesClientConfiguration configuration, TimeProvider time, ILogger<WorkloadWatcher> logger)
{
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task RunAsync(Action<WorkspaceKey> onChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        return Task.WhenAll(
            LoopAsync("Deployment", onChange, cancellationToken),
            LoopAsync("StatefulSet", onChange, cancellationToken),
            LoopAsync("Pod", onChange, cancellationToken));
    }

    private async Task LoopAsync(string kind, Action<WorkspaceKey> onChange, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(configuration);
        var selector = KubernetesLabels.SelectorText(null);
        while (!cancellationToken.IsCancellationRequested)
        {
            var reason = "closed by the server";
            try
            {
                if (kind == "Deployment")
                {
                    await foreach (var (_, item) in client.AppsV1.WatchListDeploymentForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken))
                    {
                        Report(item.Metadata, onChange);
                    }
                }
                else if (kind == "StatefulSet")
                {
                    await foreach (var (_, item) in client.AppsV1.WatchListStatefulSetForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken))
                    {
                        Report(item.Metadata, onChange);
                    }
                }
                else
                {
                    await foreach (var (_, item) in client.CoreV1.WatchListPodForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken))
                    {
                        Report(item.Metadata, onChange);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or k8s.Autorest.HttpOperationException or OperationCanceledException)
            {
                reason = e.Message;
            }

            Log.WatchClosed(logger, kind, reason);
            try
            {
                await Task.Delay(ReconnectDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Report(V1ObjectMeta meta, Action<WorkspaceKey> onChange)
    {
        if (meta.Annotations?.TryGetValue(OwnershipLabels.Repository, out var repository) == true
            && meta.Annotations.TryGetValue(OwnershipLabels.Workspace, out var workspace))
        {
            onChange(new WorkspaceKey(repository, workspace));
        }
    }
}
