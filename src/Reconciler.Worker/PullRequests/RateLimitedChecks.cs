using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Checks GitHub's rate limit kept from being posted: each goes back on <see cref="PullRequestQueue"/> when the limit
/// lifts, so a limit delays a check and never loses it. One pending retry per pull request head (a second limit on the
/// same head replaces the first). Timers run on the worker's <see cref="TimeProvider"/> and end with the host.
/// </summary>
internal sealed class RateLimitedChecks(PullRequestQueue queue, TimeProvider time, ILogger<RateLimitedChecks> logger) : IDisposable
{
    private readonly Dictionary<(string Repository, int Number, string HeadSha), ITimer> _pending = [];
    private readonly Lock _lock = new();
    private bool _disposed;

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    public void RetryAt(PullRequestWork work, DateTimeOffset retryAt)
    {
        var pullRequest = work.Event;
        var key = (pullRequest.Base.Repository.Identity, pullRequest.Number, pullRequest.Head.Sha);
        var delay = retryAt - time.GetUtcNow();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Remove(key, out var previous);
            previous?.Dispose();
            _pending[key] = time.CreateTimer(_ => Requeue(key, work), null, delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        Log.CheckDeferred(logger, key.Identity, key.Number, key.Sha, retryAt);
    }

    private void Requeue((string, int, string) key, PullRequestWork work)
    {
        lock (_lock)
        {
            if (_disposed || !_pending.Remove(key, out var timer))
            {
                return;
            }

            timer.Dispose();
        }

        queue.Add(work with { CheckOnly = true });
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }
}
