using Reconciler.Core.Desired;

namespace Reconciler.Core.Planning;

public enum PlanActionKind
{
    NoOp,
    Create,
    Recreate,
    Start,
    Stop,
    Remove,

    /// <summary>The workspace needs something Reconciler cannot do yet (or is invalid); nothing is changed.</summary>
    Blocked,

    /// <summary>
    /// The workspace waits for a resource (GPUs) that is taken; nothing is created or changed. A later pass places
    /// it once the resource is free.
    /// </summary>
    Pending,
}

/// <summary>One step of a plan with the reasons a person needs to trust it.</summary>
public sealed record PlanAction(
    PlanActionKind Kind,
    WorkspaceKey Key,
    DesiredWorkspace? Desired,
    WorkspaceObservation? Observed,
    IReadOnlyList<string> Reasons)
{
    /// <summary>A Remove that also deletes the workspace's volumes, whatever the repository's prune setting (an expired ephemeral workspace).</summary>
    public bool DeleteVolumes { get; init; }

    public bool IsMutating => Kind is PlanActionKind.Create or PlanActionKind.Recreate or PlanActionKind.Start
        or PlanActionKind.Stop or PlanActionKind.Remove;
}

/// <summary>A plan for one repository (or a whole runtime), in a stable order.</summary>
public sealed record Plan(IReadOnlyList<PlanAction> Actions, bool PruneVolumes = false)
{
    public int Count(PlanActionKind kind) => Actions.Count(a => a.Kind == kind);

    public bool HasChanges => Actions.Any(a => a.IsMutating);
}
