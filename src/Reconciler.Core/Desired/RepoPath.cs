namespace Reconciler.Core.Desired;

/// <summary>Lexical repository-relative paths ('/' separated, no leading slash).</summary>
public static class RepoPath
{
    /// <summary>Directory part of a repository path (<c>.devcontainer/devcontainer.json</c> → <c>.devcontainer</c>).</summary>
    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Joins and normalises; null when the result leaves the repository or is absolute.</summary>
    public static string? Combine(string baseDirectory, string relative)
    {
        if (relative.StartsWith('/') || relative.Contains('\0', StringComparison.Ordinal) || (relative.Length > 1 && relative[1] == ':'))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in (baseDirectory + "/" + relative).Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>Path of <paramref name="path"/> relative to <paramref name="directory"/>, or null when it is not inside it.</summary>
    public static string? RelativeTo(string directory, string path)
    {
        if (directory.Length == 0)
        {
            return path;
        }

        return path.StartsWith(directory + "/", StringComparison.Ordinal) ? path[(directory.Length + 1)..] : null;
    }
}
