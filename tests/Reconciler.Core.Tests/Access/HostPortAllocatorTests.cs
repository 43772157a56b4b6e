using Reconciler.Core.Access;
using Reconciler.Core.Desired;

namespace Reconciler.Core.Tests.Access;

public sealed class HostPortAllocatorTests
{
    private static readonly WorkspaceKey Key = new("github.com/acme/app", "dev");

    [Fact]
    public void A_new_port_starts_at_the_hashed_preference_and_probes_forward_past_ports_in_use()
    {
        var range = new HostPortRange(32000, 32999);
        var preferred = HostPortAllocator.Preferred(Key, "8080/tcp", range);
        var next = preferred == range.Last ? range.First : preferred + 1;

        var free = HostPortAllocator.Allocate(Key, ["8080/tcp"], new Dictionary<string, int>(), new HashSet<int>(), range)!;
        var probed = HostPortAllocator.Allocate(Key, ["8080/tcp"], new Dictionary<string, int>(), new HashSet<int> { preferred }, range)!;

        Assert.Equal(preferred, free["8080/tcp"]);
        Assert.Equal(next, probed["8080/tcp"]);
    }

    [Fact]
    public void A_held_port_is_kept_even_when_it_is_not_the_preference_but_not_when_another_holder_has_it()
    {
        var range = new HostPortRange(32000, 32009);
        var held = new Dictionary<string, int> { ["22/tcp"] = 32007 };

        var kept = HostPortAllocator.Allocate(Key, ["22/tcp"], held, new HashSet<int>(), range)!;
        var moved = HostPortAllocator.Allocate(Key, ["22/tcp"], held, new HashSet<int> { 32007 }, range)!;
        var outside = HostPortAllocator.Allocate(Key, ["22/tcp"], new Dictionary<string, int> { ["22/tcp"] = 40000 }, new HashSet<int>(), range)!;

        Assert.Equal(32007, kept["22/tcp"]);
        Assert.NotEqual(32007, moved["22/tcp"]);
        Assert.True(range.Contains(outside["22/tcp"]));
    }

    [Fact]
    public void A_full_range_gives_no_ports()
        => Assert.Null(HostPortAllocator.Allocate(Key, ["22/tcp", "80/tcp"], new Dictionary<string, int>(), new HashSet<int> { 32000 }, new HostPortRange(32000, 32001)));

    [Theory]
    [InlineData("32000-32999", 32000, 32999)]
    [InlineData("1-1", 1, 1)]
    [InlineData("40000 - 40010", 40000, 40010)]
    public void Ranges_parse(string text, int first, int last) => Assert.Equal(new HostPortRange(first, last), HostPortRange.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("32999-32000")]
    [InlineData("0-10")]
    [InlineData("1-65536")]
    [InlineData("32000")]
    public void Bad_ranges_do_not_parse(string text) => Assert.Null(HostPortRange.Parse(text));

    [Fact]
    public void The_label_round_trips_and_skips_malformed_entries()
    {
        var ports = new Dictionary<string, int> { ["8080/tcp"] = 32001, ["22/tcp"] = 32000 };
        Assert.Equal("22/tcp=32000,8080/tcp=32001", HostPortLabel.Format(ports));
        Assert.Equal(ports, HostPortLabel.Parse("22/tcp=32000,bad,x=0,8080/tcp=32001"));
    }
}
