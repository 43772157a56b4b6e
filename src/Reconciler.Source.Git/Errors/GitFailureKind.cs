namespace Reconciler.Source.Git.Errors;

/// <summary>Why a git operation failed; callers pick a retry policy from it.</summary>
public enum GitFailureKind
{
    /// <summary>Host unknown, connection refused or timed out: retry with backoff.</summary>
    Unreachable,

    /// <summary>The server refused the credentials or wanted some: the user must fix the secret.</summary>
    AuthenticationFailed,

    /// <summary>No such repository, branch or commit: the user must fix the URL or ref.</summary>
    NotFound,

    /// <summary>The cached object store or the remote's pack is broken; the cache is re-cloned.</summary>
    Corrupt,

    /// <summary>Anything else.</summary>
    Other,
}
