namespace Reconciler.Source.FileSystem;

/// <summary>
/// Resolves a repository-relative path to a real path inside the repository, following symlinks
/// component by component. Anything that ends up outside the repository root is refused, so a
/// committed symlink (<c>.daytona/workspace.yaml -> /etc/shadow</c>) can never make Reconciler read host files.
/// </summary>
internal static class ConfinedPath
{
    private const int MaxLinkHops = 40;

    /// <summary>Returns the real path, or null when the path leaves <paramref name="root"/>.</summary>
    public static string? Resolve(string root, string relativePath)
    {
        if (Path.IsPathRooted(relativePath) || relativePath.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var pending = new Stack<string>(Split(relativePath).Reverse());
        var current = root;
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
                if (string.Equals(current, root, StringComparison.Ordinal))
                {
                    return null;
                }

                current = Path.GetDirectoryName(current)!;
                continue;
            }

            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.Exists || Directory.Exists(next))
            {
                FileSystemInfo entry = info.Exists ? info : new DirectoryInfo(next);
                if (entry.LinkTarget is { } target)
                {
                    if (++hops > MaxLinkHops)
                    {
                        return null;
                    }

                    if (Path.IsPathRooted(target))
                    {
                        var full = Path.GetFullPath(target);
                        if (!IsInside(root, full))
                        {
                            return null;
                        }

                        current = root;
                        target = Path.GetRelativePath(root, full);
                    }

                    foreach (var p in Split(target).Reverse())
                    {
                        pending.Push(p);
                    }

                    continue;
                }
            }

            current = next;
        }

        return IsInside(root, current) ? current : null;
    }

    public static bool IsInside(string root, string path)
        => string.Equals(path, root, StringComparison.Ordinal)
           || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static IEnumerable<string> Split(string path) => path.Replace('\\', '/').Split('/');
}
