using System.Text;
using LibGit2Sharp;
using Reconciler.Core.Ports;
using Reconciler.Core.Repositories;

namespace Reconciler.Source.Git.Content;

/// <summary>
/// A repository at one commit, read straight from tree and blob objects of the bare cache (no checkout).
/// Symlinks are resolved inside the tree (<see cref="ConfinedLinkResolver"/>): a relative target that climbs
/// out of the root and any absolute target are <see cref="RepositoryFileStatus.OutsideRepository"/>.
/// Sizes are read from object headers, so an oversized blob is refused without being loaded.
/// Holds the repository open until disposed; streams from <see cref="OpenRead"/> are valid until then.
/// Not safe for concurrent use from several threads beyond what the internal lock serialises.
/// </summary>
public sealed class GitCommitContent : IRepositoryContent, IDisposable
{
    /// <summary>A symlink blob bigger than this is not a path (Linux's PATH_MAX).</summary>
    private const int MaxLinkTargetBytes = 4096;

    private readonly Repository _repository;
    private readonly Tree _tree;
    private readonly Lock _lock = new();

    internal GitCommitContent(string repositoryPath, string identity, string sha)
    {
        _repository = new Repository(repositoryPath);
        try
        {
            var commit = ObjectId.TryParse(sha, out var id) ? _repository.Lookup<Commit>(id) : null;
            if (commit is null)
            {
                throw new Errors.GitSourceException(Errors.GitFailureKind.NotFound, $"commit {sha} is not in the cache of {identity}");
            }

            _tree = commit.Tree;
            Commit = commit.Sha;
            Author = $"{commit.Author.Name} <{commit.Author.Email}>";
        }
        catch
        {
            _repository.Dispose();
            throw;
        }

        Identity = identity;
    }

    public string Identity { get; }

    public string Commit { get; }

    /// <summary>The commit's author as git records it (<c>Name &lt;email&gt;</c>): the actor of audit events for what the commit changes.</summary>
    public string Author { get; }

    public string? LocalPath => null;

    public RepositoryFile ReadFile(string path, int maxBytes)
    {
        lock (_lock)
        {
            if (Resolve(path) is not { } resolved)
            {
                return new RepositoryFile(path, RepositoryFileStatus.OutsideRepository);
            }

            var entry = resolved.Length == 0 ? null : _tree[resolved];
            if (resolved.Length == 0 || entry?.TargetType is TreeEntryTargetType.Tree or TreeEntryTargetType.GitLink)
            {
                return new RepositoryFile(path, RepositoryFileStatus.NotAFile);
            }

            if (entry is null)
            {
                return new RepositoryFile(path, RepositoryFileStatus.NotFound);
            }

            var size = _repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size;
            if (size > maxBytes)
            {
                return new RepositoryFile(path, RepositoryFileStatus.TooLarge, Size: size);
            }

            var text = ((Blob)entry.Target).GetContentText(Encoding.UTF8);
            return new RepositoryFile(path, RepositoryFileStatus.Ok, text, size);
        }
    }

    public IEnumerable<RepositoryEntry> Enumerate(string directory)
    {
        lock (_lock)
        {
            var resolved = directory.Length == 0 ? "" : Resolve(directory);
            var start = resolved switch
            {
                null => null,
                "" => _tree,
                _ => _tree[resolved]?.Target as Tree,
            };
            if (start is null)
            {
                return [];
            }

            var entries = new List<RepositoryEntry>();
            Collect(start, resolved!.Length == 0 ? "" : resolved + "/", entries);
            entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return entries;
        }
    }

    public Stream OpenRead(string path)
    {
        lock (_lock)
        {
            var resolved = Resolve(path) ?? throw new UnauthorizedAccessException($"{path} leaves the repository");
            return (resolved.Length == 0 ? null : _tree[resolved])?.Target is Blob blob
                ? blob.GetContentStream()
                : throw new FileNotFoundException($"{path} is not a file at {Commit}", path);
        }
    }

    public void Dispose() => _repository.Dispose();

    private void Collect(Tree tree, string prefix, List<RepositoryEntry> into)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Collect((Tree)entry.Target, path + "/", into);
                    break;
                case Mode.SymbolicLink:
                    into.Add(new RepositoryEntry(path, 0, Executable: false, LinkTarget: LinkTarget(entry)));
                    break;
                case Mode.ExecutableFile or Mode.NonExecutableFile or Mode.NonExecutableGroupWritableFile:
                    var size = _repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size;
                    into.Add(new RepositoryEntry(path, size, Executable: entry.Mode == Mode.ExecutableFile, ContentId: "git:" + entry.Target.Sha));
                    break;
                default:
                    // Submodules (gitlinks) name a commit of another repository: not a file of this one.
                    break;
            }
        }
    }

    /// <summary>Resolves links within the tree; absolute targets are always outside (the tree has no root on the host).</summary>
    private string? Resolve(string path)
        => ConfinedLinkResolver.Resolve(path, p => _tree[p] is { Mode: Mode.SymbolicLink } link ? LinkTarget(link) : null, _ => null);

    private string LinkTarget(TreeEntry link)
    {
        var size = _repository.ObjectDatabase.RetrieveObjectMetadata(link.Target.Id).Size;
        if (size > MaxLinkTargetBytes)
        {
            // Refused like a link out of the repository: the NUL makes the resolver reject it.
            return "\0";
        }

        return ((Blob)link.Target).GetContentText(Encoding.UTF8);
    }
}
