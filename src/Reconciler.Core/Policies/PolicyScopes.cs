using Reconciler.Core.Policies.Effective;

namespace Reconciler.Core.Policies;

/// <summary><c>match:</c> and <c>exclude:</c>: a workspace is in scope when it matches every non-empty list of match and not every non-empty list of exclude.</summary>
internal static class PolicyScopes
{
    public static bool Applies(Policy policy, EffectiveWorkspace workspace)
        => Matches(policy.Match, workspace) && (policy.Exclude.IsEmpty || !Matches(policy.Exclude, workspace));

    private static bool Matches(PolicyScope scope, EffectiveWorkspace workspace)
        => scope.IsEmpty
           || ((scope.Repositories.Count == 0 || Glob.AnyMatch(scope.Repositories, workspace.Repository))
               && (scope.Teams.Count == 0 || Glob.AnyMatch(scope.Teams, workspace.Team))
               && (scope.Deployments.Count == 0 || Glob.AnyMatch(scope.Deployments, (string?)workspace.Root["workspace"]?["deployment"]))
               && (scope.Types.Count == 0 || Glob.AnyMatch(scope.Types, (string?)workspace.Root["workspace"]?["type"])));
}
