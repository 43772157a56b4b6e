using Microsoft.Extensions.Logging;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// The webhook side: a verified pull_request delivery for a tracked repository whose base is the deployed branch is
/// queued for <see cref="PullRequestCheckService"/>; everything else is ignored. Only enqueues (the request is waiting).
/// </summary>
internal sealed class PullRequestRouter(RepositoryRegistry repositories, PullRequestQueue queue, TimeProvider time, ILogger<PullRequestRouter> logger) : IPullRequestSink
{
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal) { "opened", "synchronize", "reopened", "closed" };

    public void OnPullRequest(PullRequestEvent pullRequest)
    {
        var identity = pullRequest.Base.Repository.Identity;
        var reason = repositories.Find(identity) is not { } repository ? "not a tracked repository"
            : !string.Equals(pullRequest.Base.Ref, repository.Branch, StringComparison.Ordinal) ? $"the base {pullRequest.Base.Ref} is not the deployed branch"
            : !Handled.Contains(pullRequest.Action) ? "an action that changes no head"
            : null;
        if (reason is not null)
        {
            Log.Ignored(logger, identity, pullRequest.Number, pullRequest.Action, reason);
            return;
        }

        queue.Add(new PullRequestWork(pullRequest, time.GetTimestamp()));
        Log.Queued(logger, identity, pullRequest.Number, pullRequest.Action, pullRequest.Head.Sha);
    }
}
