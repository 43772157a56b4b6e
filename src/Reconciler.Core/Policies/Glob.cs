namespace Reconciler.Core.Policies;

/// <summary>Glob matching for policy scopes and registry lists: <c>*</c> any run of characters, <c>?</c> one character; ordinal.</summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public static bool AnyMatch(IReadOnlyList<string> patterns, string? text)
        => text is not null && patterns.Any(p => IsMatch(p, text));
}
