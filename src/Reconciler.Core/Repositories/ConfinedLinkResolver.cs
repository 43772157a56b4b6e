namespace Reconciler.Core.Repositories;

/// <summary>
/// Resolves a repository-relative path whose components may be symlinks, without touching any storage:
/// the caller says which paths are links. Every hop is checked, so a committed symlink
/// (<c>.daytona/workspace.yaml -> /etc/shadow</c> or <c>-> ../../x</c>) can never make Reconciler read
/// outside the repository, whether the repository is a checkout on disk or a tree in a git object store.
/// </summary>
public static class ConfinedLinkResolver
{
    /// <summary>Same limit as Linux's path walk (ELOOP after 40 links); it also stops link cycles.</summary>
    public const int MaxLinkHops = 40;

    /// <summary>
    /// Returns the resolved '/'-separated path relative to the repository root ("" = the root), or null when
    /// the path or any link on the way leaves the repository or more than <see cref="MaxLinkHops"/> links are followed.
    /// </summary>
    /// <param name="relativePath">Path relative to the repository root.</param>
    /// <param name="linkTargetOf">Target of the symlink at a resolved relative path, or null when that path is not a link.</param>
    /// <param name="mapAbsoluteTarget">Maps an absolute link target to a relative path inside the repository, or null when it is outside.</param>
    public static string? Resolve(string relativePath, Func<string, string?> linkTargetOf, Func<string, string?> mapAbsoluteTarget)
    {
        if (IsAbsolute(relativePath) || relativePath.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var pending = new Stack<string>(Split(relativePath).Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    return null;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            var candidate = resolved.Count == 0 ? part : string.Join('/', resolved) + "/" + part;
            if (linkTargetOf(candidate) is not { } target)
            {
                resolved.Add(part);
                continue;
            }

            if (++hops > MaxLinkHops || target.Contains('\0', StringComparison.Ordinal))
            {
                return null;
            }

            if (IsAbsolute(target))
            {
                if (mapAbsoluteTarget(target) is not { } inside)
                {
                    return null;
                }

                resolved.Clear();
                target = inside;
            }

            foreach (var p in Split(target).Reverse())
            {
                pending.Push(p);
            }
        }

        return string.Join('/', resolved);
    }

    private static bool IsAbsolute(string path) => path.StartsWith('/') || path.StartsWith('\\') || Path.IsPathRooted(path);

    private static IEnumerable<string> Split(string path) => path.Replace('\\', '/').Split('/');
}
