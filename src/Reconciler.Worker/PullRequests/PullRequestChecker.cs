using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.GitHub.Checks;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Repositories;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Evaluates a pull request head and reports it to GitHub: fetch the head (nothing when the cache has it), load and
/// validate the files with the worker's policies, observe the repository's workspaces and plan what merging would
/// change, then post the check run or commit status. Never applies anything: a pull request, fork or not, is
/// evaluated only. A report GitHub's rate limit held back is checked again when the limit lifts (<see cref="RateLimitedChecks"/>).
/// </summary>
internal sealed class PullRequestChecker(
    RepositoryRegistry repositories,
    RuntimeSet runtimes,
    LoaderOptions loaderOptions,
    PullRequestReporter reporter,
    RateLimitedChecks rateLimited,
    WorkerSettings settings,
    TimeProvider time,
    ILogger<PullRequestChecker> logger)
{
    public async Task<ReportOutcome?> CheckAsync(PullRequestWork work, CancellationToken cancellationToken)
    {
        var pullRequest = work.Event;
        var repository = repositories.Find(pullRequest.Base.Repository.Identity);
        if (repository is null)
        {
            return null;
        }

        try
        {
            await repository.Source.FetchPullRequestAsync(pullRequest.Number, pullRequest.Head.Sha, cancellationToken);
            using var content = repository.Source.OpenCommit(pullRequest.Head.Sha);
            var loaded = WorkspaceLoader.Load(content, loaderOptions with { WorkspaceFile = repository.Config.Path });
            Plan? plan = null;
            if (!loaded.HasErrors)
            {
                var hosts = await runtimes.ObserveAsync(repository.Identity, cancellationToken);
                plan = Planner.Plan(loaded.Workspaces, hosts.Observed, loaded.PruneVolumes);
            }

            var report = CheckReportBuilder.Build(pullRequest, loaded, plan, settings.Config.GitHub?.DetailsUrl);
            var outcome = await reporter.ReportAsync(report, cancellationToken);
            if (outcome == ReportOutcome.RateLimited && reporter.RateLimit is { } limit)
            {
                rateLimited.RetryAt(work, limit.RetryAt);
            }
            Log.Checked(logger, repository.Identity, pullRequest.Number, pullRequest.Head.Sha, outcome.ToString(), report.Conclusion.ToString(),
                (long)time.GetElapsedTime(work.ReceivedTimestamp).TotalMilliseconds);
            return outcome;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            Log.CheckFailed(logger, repository.Identity, pullRequest.Number, pullRequest.Head.Sha, e.Message);
            return ReportOutcome.Failed;
        }
    }
}
