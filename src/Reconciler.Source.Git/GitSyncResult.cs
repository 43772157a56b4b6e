namespace Reconciler.Source.Git;

/// <summary>Outcome of one <see cref="GitRepositorySource.SyncAsync"/> call.</summary>
/// <param name="Branches">One entry per tracked branch, in the order of <see cref="GitRepositoryOptions.Branches"/>.</param>
/// <param name="Cloned">True when the cache was (re-)cloned in this call.</param>
/// <param name="Recloned">True when an existing cache was found corrupt and replaced.</param>
public sealed record GitSyncResult(IReadOnlyList<GitBranchSync> Branches, bool Cloned, bool Recloned)
{
    /// <summary>True when objects were transferred for any branch.</summary>
    public bool Fetched => Cloned || Branches.Any(b => b.Fetched);

    public GitBranchSync this[string branch] => Branches.Single(b => b.Branch == branch);
}

/// <param name="Branch">Branch name without <c>refs/heads/</c>.</param>
/// <param name="Commit">Head commit now in the cache, or null when the remote has no such branch.</param>
/// <param name="Fetched">True when this call transferred objects for the branch (clone or fetch).</param>
public sealed record GitBranchSync(string Branch, string? Commit, bool Fetched);
