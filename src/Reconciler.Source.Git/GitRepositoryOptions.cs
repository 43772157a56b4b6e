namespace Reconciler.Source.Git;

/// <summary>One remote repository to track.</summary>
public sealed class GitRepositoryOptions
{
    /// <summary>Clone URL (<c>https://</c>, <c>http://</c>, <c>git://</c>). Credentials embedded in the URL are
    /// moved out of it before libgit2 sees it and are used only when <see cref="Credentials"/> is <see cref="GitCredentials.None"/>.</summary>
    public required string Url { get; init; }

    /// <summary>Branches whose heads are polled and fetched. Default: <c>main</c>.</summary>
    public IReadOnlyList<string> Branches { get; init; } = ["main"];

    /// <summary>Credentials resolved by the caller. Default: none (anonymous).</summary>
    public GitCredentials Credentials { get; init; } = GitCredentials.None;

    /// <summary>Folder that holds one bare clone per repository (<c>&lt;cache&gt;/&lt;sha256(url)[..16]&gt;</c>).</summary>
    public required string CacheRoot { get; init; }
}
