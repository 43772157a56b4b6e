using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.Worker.Webhooks;

/// <summary>
/// Pull requests are accepted and dropped when the worker has neither a <c>github</c> section (checks) nor
/// <c>previews.enabled</c>; otherwise <see cref="PullRequests.PullRequestRouter"/> takes them.
/// </summary>
internal sealed class IgnoringPullRequestSink : IPullRequestSink
{
    public void OnPullRequest(PullRequestEvent pullRequest)
    {
    }
}
