using Reconciler.Core.State;

namespace Reconciler.Worker.Api;

/// <summary>
/// One word for a workspace's conditions, for the API's <c>state</c> and the <c>reconciler_workspaces{state}</c>
/// gauge. The most pressing condition wins: stalled (the files must change), policy violated, failed, ready;
/// a workspace none of them describes yet is pending.
/// </summary>
internal static class WorkspaceStates
{
    public const string Stalled = "stalled";
    public const string PolicyViolated = "policy_violated";
    public const string Failed = "failed";
    public const string Ready = "ready";
    public const string Pending = "pending";

    /// <summary>Every state, so that the gauge reports zeros rather than missing series.</summary>
    public static IReadOnlyList<string> All { get; } = [Ready, Pending, Failed, Stalled, PolicyViolated];

    public static string Of(WorkspaceStatusRecord workspace)
    {
        bool Is(WorkspaceConditionType type) => workspace.Condition(type)?.Status == true;
        return Is(WorkspaceConditionType.Stalled) ? Stalled
            : Is(WorkspaceConditionType.PolicyViolated) ? PolicyViolated
            : Is(WorkspaceConditionType.Failed) ? Failed
            : Is(WorkspaceConditionType.Ready) ? Ready
            : Pending;
    }
}
