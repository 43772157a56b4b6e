using System.Text;
using Reconciler.Core.Ports;

namespace Reconciler.Source.FileSystem;

/// <summary>
/// A repository checked out on local disk. Reads are confined to the checkout (symlinks that leave it are
/// refused) and capped in size; <c>.git</c> is never enumerated.
/// </summary>
public sealed class LocalCheckoutContent : IRepositoryContent
{
    private readonly string _root;

    public LocalCheckoutContent(string path, string? identity = null)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"repository folder not found: {path}");
        }

        _root = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        Identity = identity ?? GitMetadata.ReadOriginIdentity(_root) ?? "local/" + Path.GetFileName(_root);
        Commit = GitMetadata.ReadHead(_root) ?? "working-tree";
    }

    public string Identity { get; }

    public string Commit { get; }

    public string? LocalPath => _root;

    public RepositoryFile ReadFile(string path, int maxBytes)
    {
        var real = ConfinedPath.Resolve(_root, path);
        if (real is null)
        {
            return new RepositoryFile(path, RepositoryFileStatus.OutsideRepository);
        }

        if (Directory.Exists(real))
        {
            return new RepositoryFile(path, RepositoryFileStatus.NotAFile);
        }

        var info = new FileInfo(real);
        if (!info.Exists)
        {
            return new RepositoryFile(path, RepositoryFileStatus.NotFound);
        }

        if (info.Length > maxBytes)
        {
            return new RepositoryFile(path, RepositoryFileStatus.TooLarge, Size: info.Length);
        }

        var bytes = File.ReadAllBytes(real);
        return new RepositoryFile(path, RepositoryFileStatus.Ok, Encoding.UTF8.GetString(bytes), bytes.Length);
    }

    public IEnumerable<RepositoryEntry> Enumerate(string directory)
    {
        var start = directory.Length == 0 ? _root : ConfinedPath.Resolve(_root, directory);
        if (start is null || !Directory.Exists(start))
        {
            yield break;
        }

        var pending = new Stack<string>();
        pending.Push(start);
        var files = new List<RepositoryEntry>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(_root, entry.FullName).Replace('\\', '/');
                if (relative == ".git")
                {
                    continue;
                }

                if (entry.LinkTarget is { } target)
                {
                    files.Add(new RepositoryEntry(relative, 0, Executable: false, LinkTarget: target));
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
                else if (entry is FileInfo file)
                {
                    var executable = (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
                    files.Add(new RepositoryEntry(relative, file.Length, executable));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var file in files)
        {
            yield return file;
        }
    }

    public Stream OpenRead(string path)
    {
        var real = ConfinedPath.Resolve(_root, path) ?? throw new UnauthorizedAccessException($"{path} leaves the repository");
        return File.OpenRead(real);
    }
}
