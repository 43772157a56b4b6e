using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Gpu.Gpus;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>Shared (time-sliced) GPUs, vGPU types and optional requests.</summary>
public sealed class AllocatorSharingTests
{
    [Fact]
    public void Shared_gpus_take_the_default_number_of_workspaces()
    {
        var demands = Enumerable.Range(0, 5).Select(i => Shared($"w{i}")).ToArray();

        var result = GpuAllocator.Allocate([Host("h", 1)], [], demands, new GpuAllocatorOptions { DefaultSharedReplicas = 4 });

        Assert.Equal(4, result.Assignments.Count);
        Assert.Equal("needs 1 × shared slot on a GPU on one host; free: 0", Assert.Single(result.Pending).Reason);
    }

    [Fact]
    public void The_smallest_replicas_cap_among_the_holders_applies()
    {
        var result = Allocate([Host("h", 1)], Shared("a", replicas: 2), Shared("b"), Shared("c"));

        Assert.Equal(["a", "b"], result.Assignments.Select(a => a.Workspace));
    }

    [Fact]
    public void Memory_hints_add_up_to_at_most_the_gpu_memory()
    {
        var result = Allocate([Host("h", Device("h", 0, memoryMiB: 40960))], Shared("a", 24L << 30), Shared("b", 24L << 30), Shared("c", 16L << 30));

        Assert.Equal(["a", "c"], result.Assignments.Select(a => a.Workspace));
    }

    [Fact]
    public void Shared_slots_pack_onto_shared_gpus_and_leave_whole_gpus_free()
    {
        var result = Allocate([Host("h", 2)], Shared("a"), Exclusive("e"), Shared("b"));

        Assert.Equal(["GPU-h-0"], result.Devices("a"));
        Assert.Equal(["GPU-h-1"], result.Devices("e"));
        Assert.Equal(["GPU-h-0"], result.Devices("b"));
    }

    [Fact]
    public void Vgpu_types_come_from_the_declared_table_and_one_gpu_hosts_one_type()
    {
        var gpu = Device("h", 0) with { VgpuProfiles = [new VgpuProfile("H100-20C", 4), new VgpuProfile("H100-40C", 2)] };

        var result = Allocate([Host("h", gpu)], Vgpu("a", "H100-20C"), Vgpu("b", "H100-40C"), Vgpu("c", "H100-80C"));

        Assert.Equal(["a"], result.Assignments.Select(a => a.Workspace));
        Assert.Equal("H100-20C", result.Assignments.Single().Profile);
        Assert.Equal(["needs 1 × vGPU H100-40C on one host; free: 0", "no GPU offers vGPU type 'H100-80C'"], result.Pending.Select(p => p.Reason));
    }

    [Fact]
    public void Vgpu_instances_stop_at_the_type_limit()
    {
        var gpu = Device("h", 0) with { VgpuProfiles = [new VgpuProfile("H100-40C", 2)] };

        var result = Allocate([Host("h", gpu)], Vgpu("a", "H100-40C"), Vgpu("b", "H100-40C"), Vgpu("c", "H100-40C"));

        Assert.Equal(2, result.Assignments.Count);
    }

    [Fact]
    public void Optional_requests_are_served_after_required_ones()
    {
        var optional = new GpuDemand("opt", new GpuRequest(GpuMode.Shared, 1, Optional: true));

        var result = Allocate([Host("h", 1)], optional, Exclusive("req"));

        Assert.Equal(["req"], result.Assignments.Select(a => a.Workspace));
        var pending = Assert.Single(result.Pending);
        Assert.True(pending.Request.Optional);
    }
}
