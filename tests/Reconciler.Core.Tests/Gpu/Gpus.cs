using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>Builders for allocator tests: hosts, GPUs and requests with readable defaults.</summary>
internal static class Gpus
{
    public const string H100 = "NVIDIA H100 80GB HBM3";
    public const string A100 = "NVIDIA A100-SXM4-40GB";

    /// <summary>The profiles of the real H100 capture (mig -lgip).</summary>
    public static IReadOnlyList<MigProfile> H100Profiles { get; } =
        [.. MigTableParser.ParseProfiles(H100Fixture.Read("mig-lgip.txt")).Value!.Select(r => r.Value)];

    public static GpuDevice Device(string host, int index, string name = H100, long memoryMiB = 81559)
        => new(index, $"GPU-{host}-{index}", name, memoryMiB, null, MigMode.Disabled, MigMode.Disabled);

    public static GpuDevice Mig(string host, int index, params MigInstance[] instances)
        => Device(host, index) with { MigCurrent = MigMode.Enabled, MigPending = MigMode.Enabled, MigProfiles = H100Profiles, MigInstances = instances };

    public static GpuInventory Host(string host, params GpuDevice[] devices) => new(host, devices);

    public static GpuInventory Host(string host, int gpus, string name = H100)
        => new(host, [.. Enumerable.Range(0, gpus).Select(i => Device(host, i, name))]);

    public static GpuDemand Exclusive(string workspace, int count = 1, string? model = null, GpuWorkloadState state = GpuWorkloadState.Running)
        => new(workspace, new GpuRequest(GpuMode.Exclusive, count, model), state);

    public static GpuDemand Shared(string workspace, long? memory = null, int? replicas = null, int count = 1)
        => new(workspace, new GpuRequest(GpuMode.Shared, count, MemoryBytes: memory, Replicas: replicas));

    public static GpuDemand MigSlice(string workspace, string profile, int count = 1)
        => new(workspace, new GpuRequest(GpuMode.Mig, count, Profile: profile));

    public static GpuDemand Vgpu(string workspace, string profile, int count = 1)
        => new(workspace, new GpuRequest(GpuMode.Vgpu, count, Profile: profile));

    public static GpuAllocation Allocate(IReadOnlyList<GpuInventory> hosts, params GpuDemand[] demands)
        => GpuAllocator.Allocate(hosts, [], demands);

    public static string[] Devices(this GpuAllocation allocation, string workspace)
        => [.. allocation.Assignments.Single(a => a.Workspace == workspace).Gpus.Select(g => g.DeviceUuid)];
}
