using LibGit2Sharp;

namespace Reconciler.Source.Git.Errors;

/// <summary>
/// Turns libgit2's exceptions into <see cref="GitSourceException"/>. libgit2 reports most network failures as
/// a plain <see cref="LibGit2SharpException"/> whose only distinguishing feature is the message, so the
/// classification is by message; the inner exception is deliberately dropped because its text is unredacted.
/// </summary>
internal static class GitErrorMapper
{
    private static readonly string[] AuthenticationMarkers =
    [
        "authentication", "401", "403", "credentials", "too many redirects or authentication replays",
    ];

    private static readonly string[] UnreachableMarkers =
    [
        "failed to connect", "could not connect", "connection refused", "failed to resolve address",
        "timed out", "timeout", "network is unreachable", "no route to host", "failed to send request",
        "connection reset", "unexpected eof", "early eof",
    ];

    private static readonly string[] NotFoundMarkers =
    [
        "not found", "404", "does not appear to be a git repository", "repository not exported",
        "no such file or directory", "could not find repository",
    ];

    private static readonly string[] CorruptMarkers =
    [
        "corrupt", "object not found", "bad packfile", "invalid pack", "failed to parse", "incorrect header",
        "inflate", "hash mismatch", "packfile is truncated",
    ];

    public static GitSourceException Map(Exception error, string operation, string redactedUrl, IReadOnlyCollection<string> secrets)
    {
        var text = UrlRedactor.Redact(error.Message, secrets);
        // The repository's own name must not steer the classification (a repository called "corrupt-test").
        var neutral = text.Replace(redactedUrl, "<url>", StringComparison.Ordinal);
        if (Uri.TryCreate(redactedUrl, UriKind.Absolute, out var uri) && uri.AbsolutePath.Length > 1)
        {
            neutral = neutral.Replace(uri.AbsolutePath, "<path>", StringComparison.Ordinal);
        }

        var kind = Classify(error, neutral);
        return new GitSourceException(kind, $"git {operation} {redactedUrl} failed ({kind}): {text}");
    }

    internal static GitFailureKind Classify(Exception error, string message)
    {
        var lower = message.ToLowerInvariant();
        if (error is RepositoryNotFoundException)
        {
            return GitFailureKind.NotFound;
        }

        if (ContainsAny(lower, AuthenticationMarkers))
        {
            return GitFailureKind.AuthenticationFailed;
        }

        if (ContainsAny(lower, UnreachableMarkers))
        {
            return GitFailureKind.Unreachable;
        }

        if (ContainsAny(lower, CorruptMarkers))
        {
            return GitFailureKind.Corrupt;
        }

        if (error is NotFoundException || ContainsAny(lower, NotFoundMarkers))
        {
            return GitFailureKind.NotFound;
        }

        return GitFailureKind.Other;
    }

    private static bool ContainsAny(string text, string[] markers) => markers.Any(m => text.Contains(m, StringComparison.Ordinal));
}
