using Reconciler.Core.Desired;

namespace Reconciler.Core.Planning;

/// <summary>
/// Pure diff of desired workspaces against observed runtime objects, in the YARP
/// <c>ProxyConfigManager</c> shape: added → create, changed (spec hash) → recreate, gone → remove.
/// Only observed objects of the repositories in scope are ever planned for removal.
/// </summary>
public static class Planner
{
    /// <param name="atAppliedCommit">
    /// True when this pass is at the commit that was already applied (a resync or a retry, not a new commit):
    /// then a workspace with <c>selfHeal: false</c> is not restored if someone stopped or removed it by hand.
    /// </param>
    public static Plan Plan(
        IReadOnlyList<DesiredWorkspace> desired, IReadOnlyList<WorkspaceObservation> observed, bool pruneVolumes = false, bool atAppliedCommit = false)
    {
        var byKey = new Dictionary<WorkspaceKey, List<WorkspaceObservation>>(observed.Count);
        foreach (var observation in observed)
        {
            if (!byKey.TryGetValue(observation.Key, out var list))
            {
                list = new List<WorkspaceObservation>(1);
                byKey[observation.Key] = list;
            }

            list.Add(observation);
        }

        var actions = new List<PlanAction>(desired.Count + 8);
        foreach (var workspace in desired.OrderBy(d => d.Key.Repository, StringComparer.Ordinal).ThenBy(d => d.Key.Workspace, StringComparer.Ordinal))
        {
            byKey.Remove(workspace.Key, out var candidates);
            var current = candidates is null ? null : PickCurrent(candidates, workspace.SpecHash);
            actions.Add(SelfHeal.Apply(PlanOne(workspace, current, pruneVolumes), atAppliedCommit));
            foreach (var duplicate in candidates?.Where(c => !ReferenceEquals(c, current)) ?? [])
            {
                actions.Add(new PlanAction(PlanActionKind.Remove, workspace.Key, null, duplicate, ["duplicate container for the same workspace"]));
            }
        }

        foreach (var (key, leftovers) in byKey.OrderBy(p => p.Key.Repository, StringComparer.Ordinal).ThenBy(p => p.Key.Workspace, StringComparer.Ordinal))
        {
            var why = pruneVolumes ? "removed from .daytona/workspace.yaml; volumes deleted" : "removed from .daytona/workspace.yaml; volumes kept";
            actions.AddRange(leftovers.Select(o => new PlanAction(PlanActionKind.Remove, key, null, o, [why])));
        }

        return new Plan(actions, pruneVolumes);
    }

    private static PlanAction PlanOne(DesiredWorkspace desired, WorkspaceObservation? current, bool pruneVolumes)
    {
        if (desired.Unsupported.Count > 0 || desired.PolicyViolations.Count > 0)
        {
            var reasons = desired.PolicyViolations.Select(v => "policy " + v)
                .Concat(desired.Unsupported.Select(u => "not supported yet: " + u)).ToList();
            if (current is not null)
            {
                reasons.Add("the existing container is left as it is");
            }

            return new PlanAction(PlanActionKind.Blocked, desired.Key, desired, current, reasons);
        }

        if (desired.Expired)
        {
            return Expire(desired, current);
        }

        if (desired.Gpu is { IsPending: true } gpu)
        {
            List<string> waiting = ["waiting for GPUs: " + gpu.Pending];
            if (current is not null)
            {
                waiting.Add("the existing container is left as it is");
            }

            return new PlanAction(PlanActionKind.Pending, desired.Key, desired, current, waiting);
        }

        if (current is null)
        {
            return new PlanAction(PlanActionKind.Create, desired.Key, desired, null, desired.Power == PowerState.Stopped
                ? ["new workspace", "created stopped: " + desired.PowerDecision?.Reason]
                : ["new workspace"]);
        }

        if (!string.Equals(current.SpecHash, desired.SpecHash, StringComparison.Ordinal))
        {
            var reasons = SpecDiff.Describe(current.Fields, desired.Fields);
            return VmDiskReplacement.Check(desired, current, pruneVolumes) is { } disk
                ? new PlanAction(disk.Confirmed ? PlanActionKind.Recreate : PlanActionKind.Blocked, desired.Key, desired, current, [.. reasons, .. disk.Reasons])
                : new PlanAction(PlanActionKind.Recreate, desired.Key, desired, current, reasons);
        }

        return (desired.Power, current.State) switch
        {
            (PowerState.Running, ObservedState.Stopped) => new PlanAction(PlanActionKind.Start, desired.Key, desired, current, PowerReasons("container is stopped", desired)),
            (PowerState.Stopped, ObservedState.Running) => new PlanAction(PlanActionKind.Stop, desired.Key, desired, current, PowerReasons("workspace should be stopped", desired)),
            (_, ObservedState.Transitioning) => new PlanAction(PlanActionKind.NoOp, desired.Key, desired, current, ["container is changing state; next pass decides"]),
            _ => new PlanAction(PlanActionKind.NoOp, desired.Key, desired, current, []),
        };
    }

    private static IReadOnlyList<string> PowerReasons(string what, DesiredWorkspace desired)
        => desired.PowerDecision is { } decision ? [what, "lifecycle: " + decision.Reason] : [what];

    /// <summary>An ephemeral workspace past its ttl: its container goes, with its volumes unless it keeps them.</summary>
    private static PlanAction Expire(DesiredWorkspace desired, WorkspaceObservation? current)
    {
        var decision = desired.PowerDecision!;
        if (current is null)
        {
            return new PlanAction(PlanActionKind.NoOp, desired.Key, desired, null, ["lifecycle: " + decision.Reason]);
        }

        var volumes = decision.DeleteVolumes ? "volumes deleted" : "volumes kept (keepVolumes)";
        return new PlanAction(PlanActionKind.Remove, desired.Key, desired, current, ["lifecycle: " + decision.Reason, volumes])
        {
            DeleteVolumes = decision.DeleteVolumes,
        };
    }

    /// <summary>Of several objects for one key (left by a crash), keep the one with the desired hash, else the newest.</summary>
    private static WorkspaceObservation PickCurrent(List<WorkspaceObservation> candidates, string specHash)
    {
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        return candidates
            .OrderByDescending(c => string.Equals(c.SpecHash, specHash, StringComparison.Ordinal))
            .ThenByDescending(c => c.State == ObservedState.Running)
            .ThenByDescending(c => c.Created)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .First();
    }
}
