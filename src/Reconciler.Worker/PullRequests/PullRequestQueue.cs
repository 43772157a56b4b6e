using System.Threading.Channels;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Deliveries waiting for <see cref="PullRequestCheckService"/>. The webhook request only enqueues (it must answer at
/// once); the queue is bounded so a flood of deliveries cannot grow memory without end (the oldest waiting one is
/// dropped: a newer delivery for the same pull request carries the newer head anyway).
/// </summary>
internal sealed class PullRequestQueue
{
    public const int Capacity = 1024;

    private readonly Channel<PullRequestWork> _channel = Channel.CreateBounded<PullRequestWork>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Add(PullRequestWork work) => _channel.Writer.TryWrite(work);

    public IAsyncEnumerable<PullRequestWork> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
