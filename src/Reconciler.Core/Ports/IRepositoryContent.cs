namespace Reconciler.Core.Ports;

/// <summary>
/// Read access to one repository at one commit. Every path is relative to the repository root with
/// '/' separators; implementations refuse paths (and symlinks) that leave the repository.
/// </summary>
public interface IRepositoryContent
{
    /// <summary>Stable identity used in labels and names, e.g. <c>github.com/acme/ml</c> or a local folder name.</summary>
    string Identity { get; }

    /// <summary>Commit the content is read at; a local checkout with uncommitted changes reports its HEAD.</summary>
    string Commit { get; }

    /// <summary>Absolute path of a local checkout, used for <c>${localWorkspaceFolder}</c>; null when there is none.</summary>
    string? LocalPath { get; }

    /// <summary>Reads a text file of at most <paramref name="maxBytes"/> bytes.</summary>
    RepositoryFile ReadFile(string path, int maxBytes);

    /// <summary>Regular files under <paramref name="directory"/> ("" = the root), recursively, in ordinal order. Symlinks inside the repository are reported as links, never followed out of it.</summary>
    IEnumerable<RepositoryEntry> Enumerate(string directory);

    /// <summary>Opens a regular file listed by <see cref="Enumerate"/>.</summary>
    Stream OpenRead(string path);
}

public enum RepositoryFileStatus
{
    Ok,
    NotFound,
    OutsideRepository,
    TooLarge,
    NotAFile,
}

public sealed record RepositoryFile(string Path, RepositoryFileStatus Status, string? Text = null, long Size = 0)
{
    public bool Exists => Status == RepositoryFileStatus.Ok;
}

/// <summary>
/// A file for archives: <see cref="LinkTarget"/> is set for a symlink (kept as a link). <see cref="ContentId"/> is a
/// digest of the content when the source has one for free (a git blob id), so build-context hashing need not read the file.
/// </summary>
public sealed record RepositoryEntry(string Path, long Size, bool Executable, string? LinkTarget = null, string? ContentId = null);
