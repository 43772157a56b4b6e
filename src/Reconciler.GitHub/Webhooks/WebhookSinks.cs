using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks;

/// <summary>
/// Receives verified, parsed, non-duplicate pushes; the host decides whether the branch is tracked and
/// enqueues the repository. Called on the request path: it must only enqueue and return, never reconcile
/// inline. Throwing answers 503 and lets GitHub's redelivery try again.
/// </summary>
public interface IPushSink
{
    void OnPush(PushEvent push);
}

/// <summary>Receives verified, parsed, non-duplicate pull_request events for the PR-check component; same contract as <see cref="IPushSink"/>.</summary>
public interface IPullRequestSink
{
    void OnPullRequest(PullRequestEvent pullRequest);
}
