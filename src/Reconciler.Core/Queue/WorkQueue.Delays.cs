namespace Reconciler.Core.Queue;

// Delayed adds: one heap of keys by due time and one timer armed for the earliest of them.
public sealed partial class WorkQueue
{
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly DelayedKeys delayed = new();

    // The due time the timer is armed for, or null when it is idle. Guarded by the gate.
    private long? timerDue;

    /// <summary>
    /// Adds <paramref name="key"/> once <paramref name="delay"/> has passed; zero or less adds it now. A key already
    /// waiting keeps the earlier of its two times.
    /// </summary>
    public void AddAfter(ReconcileKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            AddAfterLocked(key, delay);
        }
    }

    private void AddAfterLocked(ReconcileKey key, TimeSpan delay)
    {
        if (shutDown)
        {
            return;
        }

        if (delay <= TimeSpan.Zero)
        {
            AddLocked(key);
            return;
        }

        delayed.Schedule(key, time.GetTimestamp() + ToTimestampUnits(delay));
        ArmTimer();
    }

    private void OnTimer()
    {
        lock (gate)
        {
            if (shutDown)
            {
                return;
            }

            timerDue = null;
            var now = time.GetTimestamp();
            while (delayed.TryTakeDue(now, out var key))
            {
                AddLocked(key);
            }

            ArmTimer();
        }
    }

    // Re-arms the timer when the earliest due time is earlier than the one it waits for. A timer armed for a key
    // that was since rescheduled later just fires early and re-arms. Change is called under the lock so that two
    // threads cannot arm it out of order, and it is the last step: a provider that runs expired callbacks inline
    // from Change (FakeTimeProvider does) re-enters this re-entrant lock with the state already consistent.
    private void ArmTimer()
    {
        if (!delayed.TryPeekDue(out var due) || (timerDue is { } armed && armed <= due))
        {
            return;
        }

        timerDue = due;

        // Never zero: every key due by now was taken, and a zero due time may fire inline under the lock.
        var units = Math.Max(due - time.GetTimestamp(), 1);
        var ticks = Math.Ceiling(units * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency);
        var wait = TimeSpan.FromTicks((long)Math.Clamp(ticks, 1, MaxTimerTicks));
        timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampUnits(TimeSpan delay)
        => (long)Math.Min(Math.Ceiling(delay.TotalSeconds * time.TimestampFrequency), long.MaxValue / 2);

    // Timers accept at most uint.MaxValue - 1 milliseconds; a longer wait fires early and re-arms.
    private static readonly double MaxTimerTicks = TimeSpan.FromMilliseconds(uint.MaxValue - 1).Ticks;
}
