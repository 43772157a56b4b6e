using Reconciler.Core.Repositories;

namespace Reconciler.Source.FileSystem;

/// <summary>
/// Reads HEAD and the origin URL of a local checkout straight from <c>.git</c> (no git process, no
/// libgit2: the CLI over a checkout needs only these two facts).
/// </summary>
internal static class GitMetadata
{
    public static string? ReadHead(string root)
    {
        var gitDir = Path.Combine(root, ".git");
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }

        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref: ", StringComparison.Ordinal))
        {
            return IsSha(head) ? head : null;
        }

        var reference = head[5..];
        var loose = Path.Combine(gitDir, reference);
        if (File.Exists(loose))
        {
            var sha = File.ReadAllText(loose).Trim();
            return IsSha(sha) ? sha : null;
        }

        var packed = Path.Combine(gitDir, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        foreach (var line in File.ReadLines(packed))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2 && parts[1] == reference && IsSha(parts[0]))
            {
                return parts[0];
            }
        }

        return null;
    }

    /// <summary>origin's URL normalised to <c>host/owner/name</c>, or null.</summary>
    public static string? ReadOriginIdentity(string root)
    {
        var config = Path.Combine(root, ".git", "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line == "[remote \"origin\"]";
                continue;
            }

            if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.Split('=', 2) is [_, var url])
            {
                return RepositoryIdentity.FromUrl(url.Trim());
            }
        }

        return null;
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
