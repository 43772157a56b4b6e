namespace Reconciler.Core.Schemas;

/// <summary>Suggests the intended word for a typo: edit distance at most 2, or a prefix of at least 3 letters.</summary>
internal static class DidYouMean
{
    private const int MaxDistance = 2;

    public static string? Suggest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Math.Abs(candidate.Length - typed.Length) > MaxDistance
                ? int.MaxValue
                : Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance > MaxDistance)
            {
                // A prefix ranks after every real near miss.
                distance = typed.Length >= 3 && candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? MaxDistance + 1 : int.MaxValue;
            }

            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance with two rows; callers keep the inputs short.</summary>
    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
