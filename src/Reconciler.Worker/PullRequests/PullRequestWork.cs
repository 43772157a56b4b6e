using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.Worker.PullRequests;

/// <summary>A pull_request delivery waiting for the checker, with when it was received (for the end-to-end latency).</summary>
internal sealed record PullRequestWork(PullRequestEvent Event, long ReceivedTimestamp);
