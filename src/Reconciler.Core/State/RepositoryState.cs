namespace Reconciler.Core.State;

/// <summary>
/// Bookkeeping for one repository: the newest commit seen on its branch and the newest commit whose
/// plan was applied. It records history for status and the API; it never decides what runs.
/// </summary>
/// <param name="Repository">Stable identity, the same as <c>IRepositoryContent.Identity</c> (e.g. <c>github.com/acme/ml</c>).</param>
/// <param name="Url">Clone URL without credentials; a URL carrying user info is refused by stores.</param>
/// <param name="LastError">Last fetch or reconcile error, credential-scrubbed; null after a clean pass.</param>
public sealed record RepositoryState(
    string Repository,
    string Url,
    string? LastSeenCommit = null,
    DateTimeOffset? LastSeenAt = null,
    string? LastAppliedCommit = null,
    DateTimeOffset? LastAppliedAt = null,
    string? LastError = null);
