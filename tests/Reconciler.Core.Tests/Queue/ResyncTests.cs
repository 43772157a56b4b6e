using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class ResyncTests
{
    private readonly FakeTimeProvider time = new();
    private readonly List<ReconcileKey> known = [Key("a"), Key("b"), Key("c", "web")];

    [Fact]
    public async Task Enqueues_every_key_at_start_and_every_interval()
    {
        using var queue = NewQueue(time);
        using var resync = new Resync(queue, () => known, time, jitter: () => 0);

        resync.Start();
        Assert.Equal(3, queue.Depth);
        await DrainAsync(queue);

        for (var pass = 0; pass < 3; pass++)
        {
            time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, queue.Depth);
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(known, await DrainAsync(queue));
        }
    }

    [Fact]
    public async Task Reads_the_keys_afresh_each_pass()
    {
        using var queue = NewQueue(time);
        using var resync = new Resync(queue, () => known, time, jitter: () => 0);
        resync.Start();
        await DrainAsync(queue);

        known.Add(Key("new"));
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(4, queue.Depth);
    }

    [Fact]
    public async Task Full_jitter_stretches_the_interval_by_ten_percent()
    {
        using var queue = NewQueue(time);
        using var resync = new Resync(queue, () => known, time, jitter: () => 1);
        resync.Start();
        await DrainAsync(queue);

        time.Advance(TimeSpan.FromSeconds(198) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, queue.Depth);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(3, queue.Depth);
    }

    [Fact]
    public async Task A_throwing_key_source_is_reported_and_the_next_pass_still_runs()
    {
        using var queue = NewQueue(time);
        var errors = new List<Exception>();
        var calls = 0;
        using var resync = new Resync(
            queue,
            () => ++calls == 2 ? throw new InvalidOperationException("store offline") : known,
            time,
            jitter: () => 0,
            onError: errors.Add);
        resync.Start();
        await DrainAsync(queue);

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(0, queue.Depth);
        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("store offline", Assert.Single(errors).Message);
        Assert.Equal(3, queue.Depth);
    }

    [Fact]
    public async Task Dispose_stops_the_passes()
    {
        using var queue = NewQueue(time);
        var resync = new Resync(queue, () => known, time, jitter: () => 0);
        resync.Start();
        await DrainAsync(queue);

        resync.Dispose();
        time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(0, queue.Depth);
    }

    private static async Task<List<ReconcileKey>> DrainAsync(WorkQueue queue)
    {
        var keys = new List<ReconcileKey>();
        while (queue.Depth > 0)
        {
            var key = await queue.TakeReadyAsync();
            queue.Done(key);
            keys.Add(key);
        }

        return keys;
    }
}
