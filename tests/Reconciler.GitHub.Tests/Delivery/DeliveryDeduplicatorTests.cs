using Microsoft.Extensions.Time.Testing;
using Reconciler.GitHub.Webhooks.Delivery;

namespace Reconciler.GitHub.Tests.Delivery;

public sealed class DeliveryDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_id_is_a_duplicate_until_the_window_has_passed()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromHours(1), 100);

        Assert.True(dedupe.TryClaim("a"));
        _time.Advance(TimeSpan.FromMinutes(59) + TimeSpan.FromSeconds(59));
        Assert.False(dedupe.TryClaim("a"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(dedupe.TryClaim("a"));
    }

    [Fact]
    public void A_duplicate_does_not_extend_the_window()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromMinutes(10), 100);

        dedupe.TryClaim("a");
        _time.Advance(TimeSpan.FromMinutes(9));
        dedupe.TryClaim("a");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(dedupe.TryClaim("a"));
    }

    [Fact]
    public void Expired_ids_are_dropped_so_memory_follows_the_window()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromMinutes(10), 100);
        for (var i = 0; i < 50; i++)
        {
            dedupe.TryClaim("old-" + i);
        }

        _time.Advance(TimeSpan.FromMinutes(10));
        dedupe.TryClaim("new");

        Assert.Equal(1, dedupe.Count);
    }

    [Fact]
    public void Over_capacity_the_oldest_id_is_forgotten_first()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromHours(1), 3);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            dedupe.TryClaim(id);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, dedupe.Count);
        Assert.False(dedupe.TryClaim("d"));
        Assert.False(dedupe.TryClaim("b"));
        Assert.True(dedupe.TryClaim("a"));
    }

    [Fact]
    public void A_released_id_can_be_claimed_again()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromHours(1), 10);

        dedupe.TryClaim("a");
        dedupe.Release("a");

        Assert.True(dedupe.TryClaim("a"));
    }

    [Fact]
    public void Ids_are_compared_exactly()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromHours(1), 10);

        dedupe.TryClaim("abc");

        Assert.True(dedupe.TryClaim("ABC"));
    }

    [Fact]
    public void Concurrent_claims_of_one_id_succeed_once()
    {
        var dedupe = new DeliveryDeduplicator(_time, TimeSpan.FromHours(1), 10_000);
        var winners = 0;

        Parallel.For(0, 10_000, i =>
        {
            if (dedupe.TryClaim("shared"))
            {
                Interlocked.Increment(ref winners);
            }

            dedupe.TryClaim("own-" + (i % 5000));
        });

        Assert.Equal(1, winners);
        Assert.Equal(5001, dedupe.Count);
    }
}
