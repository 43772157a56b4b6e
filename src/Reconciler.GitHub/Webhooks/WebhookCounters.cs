namespace Reconciler.GitHub.Webhooks;

/// <summary>Thread-safe count of deliveries per <see cref="WebhookResult"/>, for the host's metrics endpoint.</summary>
public sealed class WebhookCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<WebhookResult>().Length];

    public long this[WebhookResult result] => Interlocked.Read(ref _counts[(int)result]);

    public IReadOnlyDictionary<WebhookResult, long> Snapshot()
        => Enum.GetValues<WebhookResult>().ToDictionary(r => r, r => this[r]);

    internal void Increment(WebhookResult result) => Interlocked.Increment(ref _counts[(int)result]);
}
