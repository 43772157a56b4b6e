namespace Reconciler.GitHub.Checks;

/// <summary>The verdict on one pull request head: <c>success</c>, <c>failure</c> (an enforced violation or invalid files), <c>neutral</c>.</summary>
public enum ReportConclusion
{
    Success,
    Failure,
    Neutral,
}

/// <summary>How an annotation is shown: GitHub's <c>notice</c>, <c>warning</c>, <c>failure</c>.</summary>
public enum ReportLevel
{
    Notice,
    Warning,
    Failure,
}

/// <summary>One finding at a line of a file in the repository (path relative to its root).</summary>
public sealed record ReportAnnotation(string Path, int Line, int Column, ReportLevel Level, string Title, string Message);

/// <summary>
/// What the worker found on a pull request head, free of any Core type: the GitHub reporters turn it into a check run
/// (title, Markdown summary, annotations) or a commit status (one line, a link).
/// </summary>
/// <param name="Repository"><c>owner/name</c> of the base repository (where checks and statuses are posted).</param>
/// <param name="DetailsUrl">Where the status links to (e.g. the worker's API); null for none.</param>
public sealed record PullRequestReport(
    string Repository,
    int Number,
    string HeadSha,
    ReportConclusion Conclusion,
    string Title,
    string Summary,
    IReadOnlyList<ReportAnnotation> Annotations,
    Uri? DetailsUrl = null)
{
    public string Owner => Repository[..Repository.IndexOf('/', StringComparison.Ordinal)];

    public string Name => Repository[(Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];
}

/// <summary>What came of posting a report. Never an exception: the worker keeps going whatever GitHub answers.</summary>
public enum ReportOutcome
{
    Posted,

    /// <summary>401/403: the token or app credentials were refused; logged and counted, nothing retried.</summary>
    Unauthorized,

    /// <summary>Retries exhausted or another error; logged and counted.</summary>
    Failed,

    /// <summary>
    /// GitHub's rate limit holds beyond what a call may wait; logged and counted, nothing was posted. The caller posts
    /// it again after <see cref="PullRequestReporter.RateLimit"/>'s time.
    /// </summary>
    RateLimited,
}
