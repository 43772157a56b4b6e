namespace Reconciler.Core.Features;

/// <summary>A Feature to install, after its references were resolved: what the ordering needs to know.</summary>
/// <param name="Resource">Identity without version: OCI <c>registry/namespace/id</c>, the repository path of a local Feature, a tarball URL.</param>
/// <param name="OptionsKey">Canonical JSON of the user's options (two entries of one Feature with different options are two installs).</param>
/// <param name="DependsOn">Hard dependencies: (resource, options key) that must be installed first.</param>
/// <param name="InstallsAfter">Soft dependencies: resources installed first when they are in the set at all.</param>
/// <param name="Aliases">The Feature's own id and legacyIds, which soft dependencies may name within the same namespace.</param>
public sealed record FeatureNode(
    string Resource,
    string OptionsKey,
    string UserId,
    IReadOnlyList<(string Resource, string OptionsKey)> DependsOn,
    IReadOnlyList<string> InstallsAfter,
    IReadOnlyList<string> Aliases);

/// <summary>
/// The install order of the devcontainer spec and @devcontainers/cli: in rounds, every Feature whose <c>dependsOn</c> are
/// installed and whose <c>installsAfter</c> are installed or absent is a candidate; of those, the ones with the highest
/// <c>overrideFeatureInstallOrder</c> priority install now, sorted by resource then options. A round without a candidate is a
/// cycle.
/// </summary>
public static class FeatureInstallOrder
{
    /// <returns>The nodes in install order, or null with <paramref name="cycle"/> naming the Features that wait on each other.</returns>
    public static IReadOnlyList<FeatureNode>? Compute(IReadOnlyList<FeatureNode> nodes, IReadOnlyList<string> overrideOrderResources, out IReadOnlyList<FeatureNode> cycle)
    {
        cycle = [];
        var priority = nodes.ToDictionary(n => n, n =>
        {
            var index = IndexOf(overrideOrderResources, n);
            return index < 0 ? 0 : overrideOrderResources.Count - index;
        });
        var pending = nodes.Distinct().ToList();
        var installed = new List<FeatureNode>();
        while (pending.Count > 0)
        {
            var round = pending.Where(n =>
                    n.DependsOn.All(d => installed.Any(i => i.Resource == d.Resource && i.OptionsKey == d.OptionsKey))
                    && n.InstallsAfter.All(a => installed.Any(i => Satisfies(i, a, n)) || !pending.Any(p => p != n && Satisfies(p, a, n))))
                .ToList();
            if (round.Count == 0)
            {
                cycle = pending;
                return null;
            }

            var max = round.Max(n => priority[n]);
            var now = round.Where(n => priority[n] == max)
                .OrderBy(n => n.Resource, StringComparer.Ordinal)
                .ThenBy(n => n.OptionsKey, StringComparer.Ordinal)
                .ToList();
            installed.AddRange(now);
            pending.RemoveAll(now.Contains);
        }

        return installed;
    }

    /// <summary>Whether installed node <paramref name="candidate"/> is what <paramref name="waiting"/>'s installsAfter entry names.</summary>
    private static bool Satisfies(FeatureNode candidate, string resource, FeatureNode waiting)
    {
        if (candidate.Resource == resource)
        {
            return true;
        }

        // An OCI soft dependency may name a Feature by an alias in the same namespace (registry/namespace/<alias>).
        var slash = resource.LastIndexOf('/');
        var candidateSlash = candidate.Resource.LastIndexOf('/');
        return slash > 0 && candidateSlash > 0 && resource[..slash] == candidate.Resource[..candidateSlash]
               && candidate.Aliases.Contains(resource[(slash + 1)..], StringComparer.Ordinal) && waiting != candidate;
    }

    private static int IndexOf(IReadOnlyList<string> order, FeatureNode node)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (order[i] == node.Resource)
            {
                return i;
            }
        }

        return -1;
    }
}
