using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Posts a report as a commit status (token only): one state, the title as description (GitHub keeps 140
/// characters) and a link to the details.
/// </summary>
internal sealed class CommitStatusReporter(GitHubReportingOptions options, GitHubClients clients, GitHubRetry retry)
{
    public const int MaxDescriptionLength = 140;

    public async Task PostAsync(PullRequestReport report, CancellationToken cancellationToken)
    {
        var client = await clients.ForAsync(report.Owner, report.Name, cancellationToken);
        var description = report.Title.Length <= MaxDescriptionLength ? report.Title : report.Title[..(MaxDescriptionLength - 1)] + "…";
        var status = new NewCommitStatus
        {
            State = report.Conclusion == ReportConclusion.Failure ? CommitState.Failure : CommitState.Success,
            Description = description,
            Context = options.CheckName,
            TargetUrl = report.DetailsUrl?.ToString(),
        };
        await retry.RunAsync(() => client.Repository.Status.Create(report.Owner, report.Name, report.HeadSha, status), cancellationToken);
    }
}
