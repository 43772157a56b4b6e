using Reconciler.Core.Policies;

namespace Reconciler.Core.Desired;

/// <summary>Puts each workspace's blocking violations on it, so the planner blocks it like an unsupported capability.</summary>
internal static class PolicyBlocks
{
    public static IReadOnlyList<DesiredWorkspace> Apply(IReadOnlyList<DesiredWorkspace> desired, IReadOnlyList<PolicyViolation> violations)
    {
        if (!violations.Any(v => v.Blocks))
        {
            return desired;
        }

        return [.. desired.Select(workspace =>
        {
            var blocking = violations
                .Where(v => v.Blocks && string.Equals(v.Workspace, workspace.Key.Workspace, StringComparison.Ordinal))
                .Select(v => $"{v.Policy.Name}: {v.Message}")
                .ToList();
            return blocking.Count == 0 ? workspace : workspace with { PolicyViolations = blocking };
        })];
    }
}
