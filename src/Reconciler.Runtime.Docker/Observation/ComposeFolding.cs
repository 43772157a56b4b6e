using Docker.DotNet.Models;
using Reconciler.Core.Compose;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Docker.Compose;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Observation;

/// <summary>
/// Folds a compose workspace's sidecars into the observation of its workspace container: the observed spec hash is
/// <see cref="ComposeHash.Combine"/> of the container's own hash and the sidecars' hash labels, exactly as the compiler
/// combines the desired ones, so an unchanged project is a no-op and a changed, missing or extra service is a recreate
/// (which converges only what differs). Sidecars whose workspace container is gone are reported as an incomplete workspace.
/// </summary>
internal static class ComposeFolding
{
    public static WorkspaceObservation Fold(WorkspaceObservation observation, ContainerListResponse container, IReadOnlyList<ContainerListResponse> sidecars)
    {
        if (!container.Labels.TryGetValue(ComposeLabels.PrimaryHash, out var primaryHash))
        {
            return observation;
        }

        var own = sidecars.Where(s => WorkspaceLabels.IsOwned(s.Labels, observation.Key))
            .Select(s => KeyValuePair.Create(s.Labels[ComposeLabels.Service], s.Labels.TryGetValue(ComposeLabels.ServiceHash, out var h) ? h : ""));
        var hash = observation.SpecHash == WorkspaceLabels.IncompleteHash ? observation.SpecHash : ComposeHash.Combine(primaryHash, own);
        return observation with { SpecHash = hash, Compose = true };
    }

    public static IEnumerable<WorkspaceObservation> Orphans(IReadOnlyList<ContainerListResponse> sidecars, IReadOnlyList<WorkspaceObservation> observed)
    {
        foreach (var group in sidecars.GroupBy(s => new WorkspaceKey(s.Labels[OwnershipLabels.Repository], s.Labels[OwnershipLabels.Workspace])))
        {
            if (observed.Any(o => o.Key == group.Key))
            {
                continue;
            }

            var first = group.OrderBy(s => s.Labels[ComposeLabels.Service], StringComparer.Ordinal).First();
            yield return new WorkspaceObservation(
                first.ID,
                first.Names?.FirstOrDefault()?.TrimStart('/') ?? first.ID,
                group.Key,
                WorkspaceLabels.IncompleteHash,
                ObservationReader.MapState(first.State),
                first.Labels.TryGetValue(OwnershipLabels.Commit, out var commit) ? commit : null,
                new DateTimeOffset(DateTime.SpecifyKind(first.Created, DateTimeKind.Utc)))
            {
                Compose = true,
            };
        }
    }
}
