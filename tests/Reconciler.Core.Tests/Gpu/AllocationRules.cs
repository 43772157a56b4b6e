using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>The allocator's invariants, checked from its output alone (independently of its ledger code).</summary>
internal static class AllocationRules
{
    public static void AssertCapacity(IReadOnlyList<GpuInventory> inventories, GpuAllocation result, int defaultReplicas)
    {
        var devices = inventories.SelectMany(i => i.Devices.Select(d => (Host: i.Host, Device: d))).ToDictionary(x => x.Device.Uuid);
        var uses = result.Assignments
            .SelectMany(a => a.Gpus.Select(g => (Assignment: a, Gpu: g)))
            .GroupBy(x => x.Gpu.DeviceUuid);
        foreach (var use in uses)
        {
            var (host, device) = devices[use.Key];
            var holders = use.Select(x => x.Assignment).ToList();
            Assert.All(holders, a => Assert.Equal(host, a.Host));
            Assert.All(holders, a => Assert.True(a.Mode == GpuMode.Mig == device.IsMigEnabled, $"{a.Mode} on {device.Uuid}"));
            Assert.False(device.IsMigChangePending);
            var modes = holders.Select(a => a.Mode).Distinct().ToList();
            Assert.Single(modes);
            switch (modes[0])
            {
                case GpuMode.Exclusive:
                    Assert.Single(holders);
                    break;
                case GpuMode.Shared:
                    Assert.Equal(holders.Count, holders.Select(a => a.Workspace).Distinct().Count());
                    Assert.True(holders.Count <= holders.Min(a => a.Replicas ?? defaultReplicas), $"{holders.Count} workspaces share {device.Uuid}");
                    Assert.True(holders.Sum(a => a.MemoryBytes ?? 0) <= device.MemoryMiB * 1024 * 1024);
                    break;
                case GpuMode.Vgpu:
                    var type = Assert.Single(holders.Select(a => a.Profile).Distinct());
                    Assert.True(holders.Count <= device.VgpuProfiles.Single(p => p.Name == type).MaxInstances);
                    break;
                case GpuMode.Mig:
                    AssertMig(device, [.. use]);
                    break;
            }
        }
    }

    public static void AssertEveryDemandAnswered(IReadOnlyList<GpuDemand> demands, GpuAllocation result)
    {
        foreach (var demand in demands)
        {
            var assigned = result.Assignments.Where(a => a.Workspace == demand.Workspace).ToList();
            var pending = result.Pending.Where(p => p.Workspace == demand.Workspace).ToList();
            if (demand.State == GpuWorkloadState.Stopped)
            {
                Assert.Empty(assigned);
                Assert.Empty(pending);
                continue;
            }

            Assert.Equal(1, assigned.Count + pending.Count);
            if (assigned is [var a])
            {
                Assert.Equal(demand.Request.Count, a.Gpus.Count);
                Assert.Equal(demand.Request.Mode, a.Mode);
            }
        }
    }

    private static void AssertMig(GpuDevice device, IReadOnlyList<(GpuAssignment Assignment, AssignedGpu Gpu)> use)
    {
        var ids = use.Where(x => x.Gpu.MigInstanceId is not null).Select(x => x.Gpu.MigInstanceId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var planned = use.Where(x => x.Gpu.MigInstanceId is null).Select(x => x.Assignment.Profile!).ToList();
        var all = device.MigInstances.Select(i => i.Profile).Concat(planned).ToList();
        Assert.True(all.Sum(p => device.MigProfiles.Single(q => q.Name == p).Slices) <= 7, $"MIG slices over 7 on {device.Uuid}");
        foreach (var profile in all.Distinct())
        {
            Assert.True(all.Count(p => p == profile) <= device.MigProfiles.Single(q => q.Name == profile).Total);
        }
    }
}
