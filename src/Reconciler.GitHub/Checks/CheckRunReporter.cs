using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Posts a report as a check run (GitHub App): created <c>in_progress</c>, then updated with the annotations in
/// batches of <see cref="AnnotationsPerRequest"/> (the Checks API refuses more per request; each update appends),
/// the last update carrying the conclusion. Title and summary go with every update (the API requires both in output).
/// </summary>
internal sealed class CheckRunReporter(GitHubReportingOptions options, GitHubClients clients, GitHubRetry retry, TimeProvider time)
{
    public const int AnnotationsPerRequest = 50;

    /// <summary>GitHub's limit on the output summary.</summary>
    public const int MaxSummaryLength = 65535;

    public async Task PostAsync(PullRequestReport report, CancellationToken cancellationToken)
    {
        var client = await clients.ForAsync(report.Owner, report.Name, cancellationToken);
        var created = await retry.RunAsync(
            () => client.Check.Run.Create(report.Owner, report.Name, new NewCheckRun(options.CheckName, report.HeadSha)
            {
                Status = CheckStatus.InProgress,
                StartedAt = time.GetUtcNow(),
                ExternalId = $"pr-{report.Number}",
                DetailsUrl = report.DetailsUrl?.ToString(),
            }),
            cancellationToken);

        var batches = report.Annotations.Chunk(AnnotationsPerRequest).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }

        for (var i = 0; i < batches.Count; i++)
        {
            var last = i == batches.Count - 1;
            var update = new CheckRunUpdate
            {
                Output = new NewCheckRunOutput(report.Title, Summary(report.Summary)) { Annotations = batches[i].Select(Annotation).ToList() },
            };
            if (last)
            {
                update.Status = CheckStatus.Completed;
                update.Conclusion = Conclusion(report.Conclusion);
                update.CompletedAt = time.GetUtcNow();
            }

            await retry.RunAsync(() => client.Check.Run.Update(report.Owner, report.Name, created.Id, update), cancellationToken);
        }
    }

    private static string Summary(string summary)
        => summary.Length <= MaxSummaryLength ? summary : summary[..(MaxSummaryLength - 40)] + "\n\n… (summary truncated)";

    private static NewCheckRunAnnotation Annotation(ReportAnnotation annotation)
    {
        var line = Math.Max(1, annotation.Line);
        return new NewCheckRunAnnotation(annotation.Path, line, line, Level(annotation.Level), annotation.Message)
        {
            Title = annotation.Title,
            StartColumn = annotation.Column > 0 ? annotation.Column : null,
            EndColumn = annotation.Column > 0 ? annotation.Column : null,
        };
    }

    private static CheckAnnotationLevel Level(ReportLevel level) => level switch
    {
        ReportLevel.Failure => CheckAnnotationLevel.Failure,
        ReportLevel.Warning => CheckAnnotationLevel.Warning,
        _ => CheckAnnotationLevel.Notice,
    };

    private static CheckConclusion Conclusion(ReportConclusion conclusion) => conclusion switch
    {
        ReportConclusion.Success => CheckConclusion.Success,
        ReportConclusion.Failure => CheckConclusion.Failure,
        _ => CheckConclusion.Neutral,
    };
}
