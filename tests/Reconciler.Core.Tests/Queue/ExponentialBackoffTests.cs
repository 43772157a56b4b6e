using Microsoft.Extensions.Time.Testing;
using Reconciler.Core.Queue;
using static Reconciler.Core.Tests.Queue.QueueKit;

namespace Reconciler.Core.Tests.Queue;

public sealed class ExponentialBackoffTests
{
    private static readonly int[] WithoutJitter = [5, 10, 20, 40, 80, 160, 300, 300, 300];

    [Fact]
    public void Doubles_from_five_seconds_and_caps_at_five_minutes_with_jitter_at_zero()
        => Assert.Equal(WithoutJitter, Seconds(Backoff(jitter: 0)));

    [Fact]
    public void Full_jitter_adds_twenty_percent_after_the_cap()
        => Assert.Equal([6, 12, 24, 48, 96, 192, 360, 360, 360], Seconds(Backoff(jitter: 1)));

    [Fact]
    public void Jitter_scales_linearly_between_zero_and_twenty_percent()
        => Assert.Equal(TimeSpan.FromSeconds(5.5), Backoff(jitter: 0.5).DelayFor(0));

    [Theory]
    [InlineData(-3, 5)]
    [InlineData(7, 6)]
    [InlineData(double.NaN, 5)]
    public void Jitter_outside_zero_to_one_is_clamped(double jitter, int expectedSeconds)
        => Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Backoff(jitter).DelayFor(0));

    [Theory]
    [InlineData(63)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Many_failures_stay_at_the_cap(int failures)
        => Assert.Equal(TimeSpan.FromMinutes(5), Backoff().DelayFor(failures));

    [Fact]
    public async Task Queue_retries_a_failing_key_after_5_10_20_up_to_300_seconds()
    {
        var time = new FakeTimeProvider();
        using var queue = NewQueue(time);
        var key = Key("broken");

        foreach (var seconds in WithoutJitter)
        {
            queue.AddRateLimited(key);
            queue.AssertReadyAfter(time, TimeSpan.FromSeconds(seconds));
            queue.Done(await queue.TakeReadyAsync());
        }

        Assert.Equal(WithoutJitter.Length, queue.FailuresOf(key));
    }

    [Fact]
    public async Task Forget_resets_the_backoff_to_five_seconds()
    {
        var time = new FakeTimeProvider();
        using var queue = NewQueue(time);
        var key = Key("flaky");
        for (var i = 0; i < 4; i++)
        {
            queue.AddRateLimited(key);
            time.Advance(TimeSpan.FromMinutes(5));
            queue.Done(await queue.TakeReadyAsync());
        }

        queue.Forget(key);
        queue.AddRateLimited(key);

        Assert.Equal(1, queue.FailuresOf(key));
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Backoff_is_per_key()
    {
        var time = new FakeTimeProvider();
        using var queue = NewQueue(time);
        queue.AddRateLimited(Key("a"));
        time.Advance(TimeSpan.FromSeconds(5));
        queue.Done(await queue.TakeReadyAsync());

        queue.AddRateLimited(Key("a"));
        queue.AddRateLimited(Key("b"));

        Assert.Equal((2, 1), (queue.FailuresOf(Key("a")), queue.FailuresOf(Key("b"))));
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(5));
        Assert.Equal(Key("b"), await queue.TakeReadyAsync());
        queue.AssertReadyAfter(time, TimeSpan.FromSeconds(5));
        Assert.Equal(Key("a"), await queue.TakeReadyAsync());
    }

    private static int[] Seconds(ExponentialBackoff backoff)
        => [.. Enumerable.Range(0, WithoutJitter.Length).Select(n => (int)backoff.DelayFor(n).TotalSeconds)];
}
