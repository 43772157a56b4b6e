using BenchmarkDotNet.Attributes;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Benchmarks;

/// <summary>
/// Issue 6 target: allocating 10,000 requests over 1,000 GPUs on 125 hosts (8 GPUs each) &lt; 100 ms. A quarter of
/// the hosts have MIG enabled (the real H100 profile table). Requests: 40 % exclusive ×1, 10 % exclusive ×2 on one
/// host, 30 % shared (replicas 4), 20 % MIG 1g.10gb; about half cannot be served and get a pending reason.
/// <see cref="Cold"/> places everything from nothing; <see cref="Warm"/> is the steady state of a pass: the same
/// requests with the previous answer observed on the runtime (kept first, nothing moves).
/// </summary>
[MemoryDiagnoser]
public class GpuAllocationBenchmarks
{
    private const int Hosts = 125;
    private const int GpusPerHost = 8;
    private const int Requests = 10_000;

    private List<GpuInventory> _inventories = [];
    private List<GpuDemand> _demands = [];
    private List<GpuAssignment> _observed = [];

    [GlobalSetup]
    public void Setup()
    {
        var profiles = new List<MigProfile>
        {
            new("1g.10gb", 19, 7, 7, 9984, 1), new("1g.20gb", 15, 4, 4, 20096, 1), new("2g.20gb", 14, 3, 3, 20096, 2),
            new("3g.40gb", 9, 2, 2, 40320, 3), new("4g.40gb", 5, 1, 1, 40320, 4), new("7g.80gb", 0, 1, 1, 80896, 7),
        };
        _inventories = [.. Enumerable.Range(0, Hosts).Select(h =>
        {
            var host = $"host-{h:D3}";
            var mig = h % 4 == 0;
            return new GpuInventory(host, [.. Enumerable.Range(0, GpusPerHost).Select(i => new GpuDevice(
                i, $"GPU-{h:D3}-{i}", "NVIDIA H100 80GB HBM3", 81559, null,
                mig ? MigMode.Enabled : MigMode.Disabled, mig ? MigMode.Enabled : MigMode.Disabled)
            {
                MigProfiles = profiles,
            })]);
        })];
        _demands = [.. Enumerable.Range(0, Requests).Select(i => new GpuDemand($"repo-{i % 100}/ws-{i:D5}", (i % 10) switch
        {
            < 4 => new GpuRequest(GpuMode.Exclusive, 1),
            4 => new GpuRequest(GpuMode.Exclusive, 2),
            < 8 => new GpuRequest(GpuMode.Shared, 1, Replicas: 4),
            _ => new GpuRequest(GpuMode.Mig, 1, Profile: "1g.10gb"),
        }))];
        _observed = [.. GpuAllocator.Allocate(_inventories, [], _demands).Assignments];
    }

    [Benchmark]
    public int Cold() => GpuAllocator.Allocate(_inventories, [], _demands).Pending.Count;

    [Benchmark]
    public int Warm() => GpuAllocator.Allocate(_inventories, _observed, _demands).Pending.Count;
}
