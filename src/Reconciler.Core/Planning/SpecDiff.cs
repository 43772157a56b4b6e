namespace Reconciler.Core.Planning;

/// <summary>Explains a spec hash change field by field: <c>containerEnv.FOO changed</c>, <c>capAdd added</c>.</summary>
public static class SpecDiff
{
    private const int MaxReasons = 8;

    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string> after)
    {
        if (before is null)
        {
            return ["spec changed (the running container predates field tracking)"];
        }

        var reasons = new List<string>();
        foreach (var (path, value) in after.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(path, out var old))
            {
                reasons.Add(path + " added");
            }
            else if (!string.Equals(old, value, StringComparison.Ordinal))
            {
                reasons.Add(path + " changed");
            }
        }

        reasons.AddRange(before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).Select(k => k + " removed"));
        if (reasons.Count == 0)
        {
            return ["spec hash changed"];
        }

        return reasons.Count <= MaxReasons ? reasons : [.. reasons.Take(MaxReasons), $"and {reasons.Count - MaxReasons} more"];
    }
}
