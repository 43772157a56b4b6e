using Reconciler.Core.Desired;

namespace Reconciler.Core.Planning;

/// <summary>
/// Plans across hosts: a workspace whose <c>host:</c> changed (a Docker host to a libvirt host, one libvirt host to
/// another, …) gets its old object removed where it is and a new one created where it should run, instead of a
/// recreate routed to a host that never had the old object. The removal keeps the data as any removal does: volumes
/// and VM overlays stay on the old host unless the pass prunes volumes (docs/vm.md, "Moving a workspace").
/// A workspace that is Blocked or Pending on its new host keeps its old object untouched, as the planner keeps any
/// existing object of such a workspace.
/// </summary>
public static class HostMoves
{
    public static Plan Plan(
        IReadOnlyList<DesiredWorkspace> desired, HostedObservations hosts, bool pruneVolumes = false, bool atAppliedCommit = false)
    {
        var wanted = new Dictionary<WorkspaceKey, string>(desired.Count);
        foreach (var workspace in desired)
        {
            wanted[workspace.Key] = workspace.Spec.Host ?? HostedObservations.DefaultHost;
        }

        var moved = hosts.Observed
            .Where(o => wanted.TryGetValue(o.Key, out var host) && hosts.HostOf.TryGetValue(o.Id, out var at) && at != host)
            .ToList();
        if (moved.Count == 0)
        {
            return Planner.Plan(desired, hosts.Observed, pruneVolumes, atAppliedCommit);
        }

        var staying = hosts.Observed.Except(moved).ToList();
        var plan = Planner.Plan(desired, staying, pruneVolumes, atAppliedCommit);
        var actions = new List<PlanAction>(plan.Actions.Count + moved.Count);
        foreach (var action in plan.Actions)
        {
            var left = moved.Where(o => o.Key == action.Key).ToList();
            if (left.Count == 0 || action.Desired is not { } target)
            {
                actions.Add(action);
                continue;
            }

            var to = wanted[action.Key];
            if (action.Kind is PlanActionKind.Blocked or PlanActionKind.Pending)
            {
                actions.Add(action with
                {
                    Reasons = [.. action.Reasons, .. left.Select(o => $"the existing object on host '{hosts.HostOf[o.Id]}' is left as it is")],
                });
                continue;
            }

            // The old object goes first: it may hold GPUs or host ports the new one needs.
            actions.AddRange(left.Select(o => new PlanAction(PlanActionKind.Remove, action.Key, target, o, [MoveReason(hosts.HostOf[o.Id], to, pruneVolumes)])));
            actions.Add(action);
        }

        return plan with { Actions = actions };
    }

    private static string MoveReason(string from, string to, bool pruneVolumes)
        => pruneVolumes
            ? $"moved from host '{from}' to '{to}': removed from '{from}' with its volumes and disks (prune.volumes)"
            : $"moved from host '{from}' to '{to}': removed from '{from}'; its volumes and disks are kept there";
}
