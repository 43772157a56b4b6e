using System.Diagnostics.CodeAnalysis;

namespace Reconciler.Core.Queue;

/// <summary>
/// Keys waiting for a time, earliest first; one entry per key (re-adding keeps the earlier time, as client-go's
/// delaying queue does). A binary heap with lazy deletion: O(log n) per add, so 10,000 delayed keys cost one
/// timer and no scan. Not thread-safe; <see cref="WorkQueue"/> calls it under its lock. Times are
/// <see cref="TimeProvider.GetTimestamp"/> values, so wall-clock jumps do not move them.
/// </summary>
internal sealed class DelayedKeys
{
    private readonly PriorityQueue<ReconcileKey, (long Due, long Sequence)> heap = new();
    private readonly Dictionary<ReconcileKey, long> dueByKey = [];
    private long sequence;

    public int Count => dueByKey.Count;

    /// <summary>Schedules <paramref name="key"/> at <paramref name="due"/> unless it is already due earlier or at the same time.</summary>
    public void Schedule(ReconcileKey key, long due)
    {
        if (dueByKey.TryGetValue(key, out var existing) && existing <= due)
        {
            return;
        }

        dueByKey[key] = due;

        // The sequence keeps keys with the same due time in the order they were added.
        heap.Enqueue(key, (due, sequence++));
    }

    public bool TryPeekDue(out long due)
    {
        DropStale();
        if (heap.TryPeek(out _, out var priority))
        {
            due = priority.Due;
            return true;
        }

        due = 0;
        return false;
    }

    /// <summary>Removes and returns the earliest key if it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, [MaybeNullWhen(false)] out ReconcileKey key)
    {
        DropStale();
        if (heap.TryPeek(out var next, out var priority) && priority.Due <= now)
        {
            heap.Dequeue();
            dueByKey.Remove(next);
            key = next;
            return true;
        }

        key = null;
        return false;
    }

    public void Clear()
    {
        heap.Clear();
        dueByKey.Clear();
    }

    // An entry is stale when its key was rescheduled earlier (or already fired); the dictionary holds the truth.
    private void DropStale()
    {
        while (heap.TryPeek(out var key, out var priority)
            && (!dueByKey.TryGetValue(key, out var due) || due != priority.Due))
        {
            heap.Dequeue();
        }
    }
}
