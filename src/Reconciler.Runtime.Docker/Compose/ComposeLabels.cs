using Reconciler.Core.Compose;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Compose;

/// <summary>
/// Labels of compose objects. Sidecars carry the workspace's ownership labels plus their service name and hash; the
/// workspace container carries its own hash apart (<see cref="PrimaryHash"/>), so observation can recompute the
/// workspace spec hash with <see cref="ComposeHash.Combine"/> from one container list.
/// </summary>
internal static class ComposeLabels
{
    public const string Service = "dev.reconciler.compose.service";
    public const string ServiceHash = "dev.reconciler.compose.service-hash";
    public const string PrimaryHash = "dev.reconciler.compose.primary-hash";
    public const string Network = "dev.reconciler.compose.network";

    public static Dictionary<string, string> ForSidecar(DesiredWorkspace desired, ComposeSidecar sidecar)
    {
        var labels = new Dictionary<string, string>(sidecar.Service.Labels.ToDictionary(), StringComparer.Ordinal)
        {
            [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
            [OwnershipLabels.Repository] = desired.Key.Repository,
            [OwnershipLabels.Workspace] = desired.Key.Workspace,
            [OwnershipLabels.Commit] = desired.Commit,
            [Service] = sidecar.Service.Name,
            [ServiceHash] = sidecar.Hash,
        };
        return labels;
    }

    public static Dictionary<string, string> ForNetwork(WorkspaceKey key, string name) => new(StringComparer.Ordinal)
    {
        [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
        [OwnershipLabels.Repository] = key.Repository,
        [OwnershipLabels.Workspace] = key.Workspace,
        [Network] = name,
    };

    /// <summary>A sidecar: the compose service label and the repository and workspace labels (a container missing one is not read).</summary>
    public static bool IsSidecar(IDictionary<string, string>? labels)
        => labels is not null && labels.ContainsKey(Service) && labels.ContainsKey(OwnershipLabels.Repository) && labels.ContainsKey(OwnershipLabels.Workspace);

    public static List<string> Filter(WorkspaceKey key) => WorkspaceLabels.Filter(key.Repository, key.Workspace);
}
