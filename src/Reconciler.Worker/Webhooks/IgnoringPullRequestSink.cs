using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.Worker.Webhooks;

/// <summary>Pull requests are accepted and dropped for now; PR checks (plan + policy violations) replace this sink.</summary>
internal sealed class IgnoringPullRequestSink : IPullRequestSink
{
    public void OnPullRequest(PullRequestEvent pullRequest)
    {
    }
}
