namespace Reconciler.Source.Git.Errors;

/// <summary>A git failure whose message has had every credential redacted (<see cref="UrlRedactor"/>).</summary>
public sealed class GitSourceException : Exception
{
    public GitSourceException(GitFailureKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public GitFailureKind Kind { get; }
}
