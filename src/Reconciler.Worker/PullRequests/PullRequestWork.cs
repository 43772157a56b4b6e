using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// A pull_request delivery waiting for the checker, with when it was received (for the end-to-end latency).
/// <paramref name="CheckOnly"/>: the check again after GitHub's rate limit lifted (<see cref="RateLimitedChecks"/>);
/// previews have handled the delivery already and skip it.
/// </summary>
internal sealed record PullRequestWork(PullRequestEvent Event, long ReceivedTimestamp, bool CheckOnly = false);
