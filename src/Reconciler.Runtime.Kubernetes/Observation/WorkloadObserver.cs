using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Kubernetes.Api;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes.Observation;

/// <summary>
/// Observes managed workloads with one label-selected list per kind per pass (Deployments, StatefulSets), across all
/// namespaces: the number of calls does not depend on how many workspaces exist. The identity, spec hash, commit and
/// flattened spec come back from the annotations the renderer wrote.
/// </summary>
internal sealed class WorkloadObserver(IKubernetes client, ApiCallCounter calls, ILogger logger)
{
    public const string DeploymentKind = "Deployment";
    public const string StatefulSetKind = "StatefulSet";

    public async Task<IReadOnlyList<WorkspaceObservation>> ReadAsync(string? repository, CancellationToken cancellationToken)
    {
        var selector = KubernetesLabels.SelectorText(repository);
        calls.Read();
        var deployments = await client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken);
        calls.Read();
        var sets = await client.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: selector, cancellationToken: cancellationToken);
        var result = new List<WorkspaceObservation>();
        result.AddRange(deployments.Items.Select(d => Observe(DeploymentKind, d.Metadata, d.Spec?.Replicas, repository)).OfType<WorkspaceObservation>());
        result.AddRange(sets.Items.Select(s => Observe(StatefulSetKind, s.Metadata, s.Spec?.Replicas, repository)).OfType<WorkspaceObservation>());
        return result;
    }

    /// <summary><c>namespace/Kind/name</c>: everything Apply needs to find the object again.</summary>
    public static string Id(string ns, string kind, string name) => $"{ns}/{kind}/{name}";

    public static (string Namespace, string Kind, string Name) ParseId(string id)
    {
        var parts = id.Split('/');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw new ArgumentException($"not a Kubernetes workload id: {id}");
    }

    private WorkspaceObservation? Observe(string kind, V1ObjectMeta meta, int? replicas, string? repository)
    {
        IReadOnlyDictionary<string, string> annotations = meta.Annotations is { } a ? new Dictionary<string, string>(a, StringComparer.Ordinal) : new Dictionary<string, string>();
        if (!annotations.TryGetValue(OwnershipLabels.Repository, out var repo) || !annotations.TryGetValue(OwnershipLabels.Workspace, out var workspace))
        {
            Log.Unreadable(logger, kind, meta.NamespaceProperty ?? "", meta.Name);
            return null;
        }

        // The label holds a hash of the repository: two identities with the same hash are told apart here.
        if (repository is not null && repo != repository)
        {
            return null;
        }

        return new WorkspaceObservation(
            Id(meta.NamespaceProperty ?? "", kind, meta.Name),
            meta.Name,
            new WorkspaceKey(repo, workspace),
            annotations.GetValueOrDefault(OwnershipLabels.SpecHash, ""),
            replicas is 0 ? ObservedState.Stopped : ObservedState.Running,
            annotations.GetValueOrDefault(OwnershipLabels.Commit),
            meta.CreationTimestamp is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : DateTimeOffset.UnixEpoch,
            Fields(annotations.GetValueOrDefault(OwnershipLabels.Spec)));
    }

    private static Dictionary<string, string>? Fields(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
