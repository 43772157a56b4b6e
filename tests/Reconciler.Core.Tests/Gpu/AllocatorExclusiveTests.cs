using Reconciler.Core.Gpu.Allocation;
using static Reconciler.Core.Tests.Gpu.Gpus;

namespace Reconciler.Core.Tests.Gpu;

public sealed class AllocatorExclusiveTests
{
    [Fact]
    public void Exclusive_gpus_are_never_shared()
    {
        var result = Allocate([Host("h", 1)], Exclusive("a"), Exclusive("b"));

        Assert.Equal(["GPU-h-0"], result.Devices("a"));
        var pending = Assert.Single(result.Pending);
        Assert.Equal(("b", "needs 1 × GPU on one host; free: 0"), (pending.Workspace, pending.Reason));
    }

    [Fact]
    public void Lowest_indexes_on_the_first_host_in_name_order_are_taken()
    {
        var result = Allocate([Host("zeta", 4), Host("alpha", 4)], Exclusive("a", 2));

        Assert.Equal(["GPU-alpha-0", "GPU-alpha-1"], result.Devices("a"));
    }

    [Fact]
    public void A_multi_gpu_request_lands_on_one_host_or_waits()
    {
        var hosts = new[] { Host("a", 1), Host("b", 1) };

        var result = Allocate(hosts, Exclusive("trainer", 2, "H100"));

        Assert.Empty(result.Assignments);
        Assert.Equal("needs 2 × H100 on one host; free: 1", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void The_model_matches_a_substring_of_the_product_name_ignoring_case()
    {
        var hosts = new[] { Host("h", Device("h", 0, A100), Device("h", 1, H100)) };

        var result = Allocate(hosts, Exclusive("a", model: "h100"), Exclusive("b", model: "V100"));

        Assert.Equal(["GPU-h-1"], result.Devices("a"));
        Assert.Equal("no GPU matches model 'V100'", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void Devcontainer_memory_keeps_exclusive_requests_off_smaller_gpus()
    {
        var hosts = new[] { Host("h", Device("h", 0, A100, 40960), Device("h", 1, H100)) };
        var demand = Exclusive("a") with { Request = Exclusive("a").Request with { MemoryBytes = 64L << 30 } };

        var result = Allocate(hosts, demand);

        Assert.Equal(["GPU-h-1"], result.Devices("a"));
    }

    [Fact]
    public void A_pinned_host_is_the_only_candidate()
    {
        var result = Allocate([Host("a", 1), Host("b", 1)], Exclusive("x") with { Host = "b" }, Exclusive("y") with { Host = "c" });

        Assert.Equal("b", result.Assignments.Single().Host);
        Assert.Equal("host 'c' has no GPU inventory", Assert.Single(result.Pending).Reason);
    }
}
