namespace Reconciler.GitHub.Webhooks.Delivery;

/// <summary>
/// Remembers <c>X-GitHub-Delivery</c> ids so that a redelivery (GitHub's "Redeliver" button, or a retry after
/// a timeout) reconciles once. An id is remembered for <c>window</c> after it was first claimed; at most
/// <c>capacity</c> ids are kept and the oldest is forgotten first, so memory stays bounded under a flood.
/// Age is measured with <see cref="TimeProvider.GetTimestamp"/>, which does not jump with the wall clock.
/// </summary>
internal sealed class DeliveryDeduplicator
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);
    public const int DefaultCapacity = 10_000;

    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly int _capacity;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _oldestFirst = new();

    public DeliveryDeduplicator(TimeProvider time, TimeSpan window, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _time = time;
        _window = window;
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>True the first time an id is seen within the window; false for a duplicate.</summary>
    public bool TryClaim(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            ForgetExpired(now);
            if (_byId.ContainsKey(deliveryId))
            {
                return false;
            }

            if (_byId.Count >= _capacity)
            {
                Remove(_oldestFirst.First!);
            }

            _byId[deliveryId] = _oldestFirst.AddLast(new Entry(deliveryId, now));
            return true;
        }
    }

    /// <summary>Forgets a claimed id whose delivery was not acted on, so that a redelivery is processed.</summary>
    public void Release(string deliveryId)
    {
        ArgumentNullException.ThrowIfNull(deliveryId);
        lock (_gate)
        {
            if (_byId.TryGetValue(deliveryId, out var node))
            {
                Remove(node);
            }
        }
    }

    private void ForgetExpired(long now)
    {
        while (_oldestFirst.First is { } oldest && _time.GetElapsedTime(oldest.Value.ClaimedAt, now) >= _window)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _oldestFirst.Remove(node);
        _byId.Remove(node.Value.Id);
    }

    private sealed record Entry(string Id, long ClaimedAt);
}
