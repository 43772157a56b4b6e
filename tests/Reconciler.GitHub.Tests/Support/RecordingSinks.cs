using System.Collections.Concurrent;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Tests.Support;

/// <summary>Hand-written sinks that record every call; <see cref="FailNext"/> makes the next call throw.</summary>
internal sealed class RecordingSinks : IPushSink, IPullRequestSink
{
    public ConcurrentQueue<PushEvent> Pushes { get; } = new();

    public ConcurrentQueue<PullRequestEvent> PullRequests { get; } = new();

    public bool FailNext { get; set; }

    public int Calls => Pushes.Count + PullRequests.Count;

    public void OnPush(PushEvent push)
    {
        ThrowIfAsked();
        Pushes.Enqueue(push);
    }

    public void OnPullRequest(PullRequestEvent pullRequest)
    {
        ThrowIfAsked();
        PullRequests.Enqueue(pullRequest);
    }

    private void ThrowIfAsked()
    {
        if (FailNext)
        {
            FailNext = false;
            throw new InvalidOperationException("queue full");
        }
    }
}
