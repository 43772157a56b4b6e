using Reconciler.Core.Repositories;

namespace Reconciler.Source.FileSystem;

/// <summary>
/// Resolves a repository-relative path to a real path inside a checkout on disk, following symlinks
/// component by component (<see cref="ConfinedLinkResolver"/>). Anything that ends up outside the repository
/// root is refused, so a committed symlink (<c>.daytona/workspace.yaml -> /etc/shadow</c>) can never make
/// Reconciler read host files. An absolute link target is allowed only when it points into the checkout.
/// </summary>
internal static class ConfinedPath
{
    /// <summary>Returns the real path, or null when the path leaves <paramref name="root"/>.</summary>
    public static string? Resolve(string root, string relativePath)
    {
        var relative = ConfinedLinkResolver.Resolve(
            relativePath,
            path => LinkTargetOf(Path.Combine(root, path)),
            target =>
            {
                var full = Path.GetFullPath(target);
                return IsInside(root, full) ? Path.GetRelativePath(root, full) : null;
            });

        return relative switch
        {
            null => null,
            "" => root,
            _ => Path.Combine(root, relative),
        };
    }

    public static bool IsInside(string root, string path)
        => string.Equals(path, root, StringComparison.Ordinal)
           || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    private static string? LinkTargetOf(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists)
        {
            return file.LinkTarget;
        }

        var directory = new DirectoryInfo(path);
        return directory.Exists ? directory.LinkTarget : null;
    }
}
