using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace Reconciler.Source.Git.Cache;

/// <summary>
/// The bare clone of one repository under the cache root. A clone is written to a temporary sibling folder
/// and renamed into place only when complete, so the final folder is either absent or a finished clone; a
/// folder that no longer opens, or whose tracked heads point at missing objects, is treated as corrupt.
/// </summary>
internal sealed class RepositoryCache
{
    private const string TempMarker = ".tmp-";

    public RepositoryCache(string cacheRoot, string url)
    {
        Root = Path.GetFullPath(cacheRoot);
        Folder = Path.Combine(Root, FolderName(url));
    }

    public string Root { get; }

    public string Folder { get; }

    public bool Exists => Directory.Exists(Folder);

    /// <summary>First 16 hex digits of SHA-256 of the credential-free URL: stable across token rotation.</summary>
    public static string FolderName(string url)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];

    /// <summary>Local ref that holds the fetched head of <paramref name="branch"/>.</summary>
    public static string TrackingRef(string branch) => "refs/remotes/origin/" + branch;

    /// <summary>Fetched head of <paramref name="branch"/>, falling back to the local branch a bare clone creates.</summary>
    public static string? LocalHead(Repository repository, string branch)
        => (repository.Refs[TrackingRef(branch)] ?? repository.Refs["refs/heads/" + branch])?.ResolveToDirectReference()?.TargetIdentifier;

    /// <summary>
    /// Cheap integrity check run before every poll: the folder opens as a repository and every tracked head
    /// it has names a commit whose tree is present. It does not walk history (too slow for 1,000 repositories).
    /// </summary>
    public bool IsHealthy(IReadOnlyList<string> branches)
    {
        try
        {
            if (!Repository.IsValid(Folder))
            {
                return false;
            }

            using var repository = new Repository(Folder);
            foreach (var branch in branches)
            {
                if (LocalHead(repository, branch) is not { } sha)
                {
                    continue;
                }

                var id = new ObjectId(sha);
                if (!repository.ObjectDatabase.Contains(id) || repository.Lookup<Commit>(id) is not { } commit
                    || !repository.ObjectDatabase.Contains(commit.Tree.Id))
                {
                    return false;
                }
            }

            return true;
        }
        catch (LibGit2SharpException)
        {
            return false;
        }
    }

    /// <summary>Clones into a temporary folder, then renames it into place.</summary>
    public void Clone(string url, CloneOptions options)
    {
        Directory.CreateDirectory(Root);
        RemoveLeftovers();
        var temporary = Folder + TempMarker + Guid.NewGuid().ToString("N")[..8];
        try
        {
            Repository.Clone(url, temporary, options);
            Directory.Move(temporary, Folder);
        }
        finally
        {
            DeleteFolder(temporary);
        }
    }

    public void Delete() => DeleteFolder(Folder);

    /// <summary>Half-written clones left by a process that died mid-clone.</summary>
    private void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Root, Path.GetFileName(Folder) + TempMarker + "*"))
        {
            DeleteFolder(folder);
        }
    }

    private static void DeleteFolder(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // Pack files are written read-only; clear the attribute so the delete does not fail half-way.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }
}
