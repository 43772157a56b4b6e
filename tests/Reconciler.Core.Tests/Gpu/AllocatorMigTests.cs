using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using static Reconciler.Core.Tests.Gpu.Gpus;

namespace Reconciler.Core.Tests.Gpu;

public sealed class AllocatorMigTests
{
    [Fact]
    public void A_profile_gets_no_more_instances_than_the_gpu_offers()
    {
        var result = Allocate([Host("h", Mig("h", 0))], MigSlice("a", "3g.40gb"), MigSlice("b", "3g.40gb"), MigSlice("c", "3g.40gb"));

        Assert.Equal(["a", "b"], result.Assignments.Select(a => a.Workspace));
        Assert.Equal("needs 1 × MIG 3g.40gb on one host; free: 0", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void Instances_never_use_more_than_the_seven_compute_slices()
    {
        var result = Allocate([Host("h", Mig("h", 0))], MigSlice("a", "4g.40gb"), MigSlice("b", "3g.40gb"), MigSlice("c", "MIG 1g.10gb"));

        Assert.Equal(["a", "b"], result.Assignments.Select(a => a.Workspace));
        Assert.Equal("c", Assert.Single(result.Pending).Workspace);
    }

    [Fact]
    public void Existing_free_instances_are_used_before_new_ones_and_carry_their_uuid()
    {
        var gpu = Mig("h", 0, new MigInstance("1g.10gb", 19, 9, 4, 1, "MIG-9"), new MigInstance("1g.10gb", 19, 7, 0, 1));

        var result = Allocate([Host("h", gpu)], MigSlice("a", "1g.10gb", count: 3));

        Assert.Equal(
            [new AssignedGpu("GPU-h-0", null, 7), new AssignedGpu("GPU-h-0", "MIG-9", 9), new AssignedGpu("GPU-h-0")],
            result.Assignments.Single().Gpus);
        Assert.Equal("1g.10gb", result.Assignments.Single().Profile);
    }

    [Fact]
    public void Existing_instances_count_against_the_slices()
    {
        var gpu = Mig("h", 0, new MigInstance("7g.80gb", 0, 0, 0, 8));

        var result = Allocate([Host("h", gpu)], MigSlice("a", "1g.10gb"));

        Assert.Equal("needs 1 × MIG 1g.10gb on one host; free: 0", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void A_mig_gpu_takes_only_mig_requests_and_a_plain_gpu_none()
    {
        var hosts = new[] { Host("h", Mig("h", 0)), Host("p", 1) };

        var result = Allocate(hosts, MigSlice("m", "2g.20gb"), Exclusive("e"), Shared("s"));

        Assert.Equal(["GPU-h-0"], result.Devices("m"));
        Assert.Equal(["GPU-p-0"], result.Devices("e"));
        Assert.Equal("needs 1 × shared slot on a GPU on one host; free: 0", Assert.Single(result.Pending).Reason);
        Assert.Equal("every GPU has MIG enabled or a MIG mode change pending", Allocate([Host("h", Mig("h", 0))], Exclusive("e")).Pending.Single().Reason);
    }

    [Fact]
    public void A_gpu_waiting_for_a_mig_mode_change_takes_nothing_new()
    {
        var gpu = Mig("h", 0) with { MigPending = MigMode.Disabled };

        var result = Allocate([Host("h", gpu)], MigSlice("m", "1g.10gb"));

        Assert.StartsWith("no GPU with MIG enabled", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void An_unknown_profile_is_named_in_the_reason()
    {
        var result = Allocate([Host("h", Mig("h", 0))], MigSlice("m", "9g.99gb"));

        Assert.Equal("no MIG-enabled GPU offers profile '9g.99gb'", Assert.Single(result.Pending).Reason);
    }
}
