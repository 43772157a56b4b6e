using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using static Reconciler.Core.Tests.Gpu.Gpus;

namespace Reconciler.Core.Tests.Gpu;

public sealed class AllocatorStabilityTests
{
    private static readonly GpuInventory[] Hosts = [Host("h", 2)];

    [Fact]
    public void An_observed_assignment_stays_where_it_is_even_when_a_lower_index_is_free()
    {
        var observed = new GpuAssignment("a", "h", Reconciler.Core.Workspaces.GpuMode.Exclusive, [new AssignedGpu("GPU-h-1")]);

        var result = GpuAllocator.Allocate(Hosts, [observed], [Exclusive("new"), Exclusive("a")]);

        Assert.Equal(observed, result.Assignments.Single(x => x.Workspace == "a"));
        Assert.Equal(["GPU-h-0"], result.Devices("new"));
    }

    [Fact]
    public void A_new_request_does_not_displace_a_running_one_even_with_higher_priority()
    {
        var first = GpuAllocator.Allocate([Host("h", 1)], [], [Exclusive("old")]);

        var second = GpuAllocator.Allocate([Host("h", 1)], first.Assignments, [Exclusive("urgent"), Exclusive("old")]);

        Assert.Equal(first.Assignments, second.Assignments);
        Assert.Equal("urgent", Assert.Single(second.Pending).Workspace);
    }

    [Fact]
    public void A_changed_request_is_placed_anew()
    {
        var first = GpuAllocator.Allocate(Hosts, [], [Exclusive("a")]);

        var second = GpuAllocator.Allocate(Hosts, first.Assignments, [Exclusive("a", 2)]);

        Assert.Equal(["GPU-h-0", "GPU-h-1"], second.Devices("a"));
    }

    [Fact]
    public void Stopped_workspaces_release_and_reserved_ones_keep_their_gpus()
    {
        var first = GpuAllocator.Allocate(Hosts, [], [Exclusive("a"), Exclusive("b")]);

        var second = GpuAllocator.Allocate(Hosts, first.Assignments,
            [Exclusive("a", state: GpuWorkloadState.Stopped), Exclusive("b", state: GpuWorkloadState.StoppedButReserved), Exclusive("c")]);

        Assert.DoesNotContain(second.Assignments, x => x.Workspace == "a");
        Assert.Equal(first.Assignments.Single(x => x.Workspace == "b"), second.Assignments.Single(x => x.Workspace == "b"));
        Assert.Equal(["GPU-h-0"], second.Devices("c"));
    }

    [Fact]
    public void Conflicting_observations_keep_the_first_demand_and_re_place_the_other()
    {
        var claim = new[] { new AssignedGpu("GPU-h-0") };
        GpuAssignment[] observed =
        [
            new("b", "h", Reconciler.Core.Workspaces.GpuMode.Exclusive, claim),
            new("a", "h", Reconciler.Core.Workspaces.GpuMode.Exclusive, claim),
        ];

        var result = GpuAllocator.Allocate(Hosts, observed, [Exclusive("a"), Exclusive("b")]);

        Assert.Equal(["GPU-h-0"], result.Devices("a"));
        Assert.Equal(["GPU-h-1"], result.Devices("b"));
    }

    [Fact]
    public void An_observed_gpu_that_left_the_inventory_is_re_placed()
    {
        var observed = new GpuAssignment("a", "h", Reconciler.Core.Workspaces.GpuMode.Exclusive, [new AssignedGpu("GPU-gone")]);

        var result = GpuAllocator.Allocate(Hosts, [observed], [Exclusive("a")]);

        Assert.Equal(["GPU-h-0"], result.Devices("a"));
    }

    [Fact]
    public void The_same_input_gives_the_same_answer()
    {
        GpuDemand[] demands = [Exclusive("a"), Shared("b"), Exclusive("c", 2), Shared("d")];
        var hosts = new[] { Host("y", 2), Host("x", 3) };

        Assert.Equal(Allocate(hosts, demands).Assignments, Allocate(hosts, demands).Assignments);
    }
}

