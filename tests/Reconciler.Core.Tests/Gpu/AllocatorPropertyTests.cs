using CsCheck;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>
/// Random inventories and random sequences of add / remove / change / stop over up to eight workspaces.
/// After every step the allocation must respect every capacity rule, keep every unchanged running
/// assignment where it was, and be the same when computed twice.
/// </summary>
public sealed class AllocatorPropertyTests
{
    private const int DefaultReplicas = 3;

    private static readonly Gen<GpuDevice> Device =
        Gen.Select(Gen.OneOf(Gpus.H100, Gpus.A100), Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 2])
            .Select((name, kind, vgpuMax, instances) => kind switch
            {
                0 => new GpuDevice(0, "", name, 81559, null, MigMode.Enabled, MigMode.Enabled)
                {
                    MigProfiles = Gpus.H100Profiles,
                    MigInstances = [.. Enumerable.Range(0, instances).Select(i => new MigInstance(i == 0 ? "3g.40gb" : "1g.10gb", 0, 10 + i, 0, 1, $"MIG-{i}"))],
                },
                1 => new GpuDevice(0, "", name, 81559, null, MigMode.Enabled, MigMode.Disabled) { MigProfiles = Gpus.H100Profiles },
                _ => new GpuDevice(0, "", name, 40960, null, MigMode.Disabled, MigMode.Disabled)
                {
                    VgpuProfiles = vgpuMax == 0 ? [] : [new VgpuProfile("V-20C", vgpuMax + 1), new VgpuProfile("V-40C", vgpuMax)],
                },
            });

    private static readonly Gen<GpuInventory[]> Inventories =
        Device.Array[1, 4].Array[1, 3].Select(hosts => hosts
            .Select((devices, h) => new GpuInventory($"h{h}", [.. devices.Select((d, i) => d with { Index = i, Uuid = $"GPU-{h}-{i}" })]))
            .ToArray());

    private static readonly Gen<GpuRequest> Request =
        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 3], Gen.OneOf<string?>(null, "H100", "a100"), Gen.Int[0, 3])
            .Select((mode, count, model, variant) => mode switch
            {
                0 => new GpuRequest(GpuMode.Exclusive, count, model),
                1 => new GpuRequest(GpuMode.Shared, count, model, MemoryBytes: variant == 0 ? null : variant * (12L << 30), Replicas: variant == 3 ? 2 : null),
                2 => new GpuRequest(GpuMode.Mig, count, model, Profile: new[] { "1g.10gb", "2g.20gb", "3g.40gb", "7g.80gb" }[variant]),
                _ => new GpuRequest(GpuMode.Vgpu, count, model, Profile: variant % 2 == 0 ? "V-20C" : "V-40C"),
            });

    /// <summary>0 add or change, 1 remove, 2 stop, 3 stop but reserve; on workspace w0…w7.</summary>
    private static readonly Gen<(int Op, int Workspace, GpuRequest Request)> Step =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 7], Request);

    [Fact]
    public void Random_histories_keep_every_rule()
    {
        Gen.Select(Inventories, Step.Array[1, 25]).Sample((inventories, steps) =>
        {
            var demands = new List<GpuDemand>();
            IReadOnlyList<GpuAssignment> held = [];
            foreach (var (op, w, request) in steps)
            {
                var name = $"w{w}";
                var at = demands.FindIndex(d => d.Workspace == name);
                var changed = name;
                switch (op)
                {
                    case 0 when at < 0: demands.Add(new GpuDemand(name, request)); break;
                    case 0: demands[at] = demands[at] with { Request = request, State = GpuWorkloadState.Running }; break;
                    case 1 when at >= 0: demands.RemoveAt(at); break;
                    case 2 when at >= 0: demands[at] = demands[at] with { State = GpuWorkloadState.Stopped }; break;
                    case 3 when at >= 0: demands[at] = demands[at] with { State = GpuWorkloadState.StoppedButReserved }; break;
                    default: changed = null; break;
                }

                var options = new GpuAllocatorOptions { DefaultSharedReplicas = DefaultReplicas };
                var result = GpuAllocator.Allocate(inventories, held, demands, options);

                AllocationRules.AssertCapacity(inventories, result, DefaultReplicas);
                AllocationRules.AssertEveryDemandAnswered(demands, result);
                foreach (var before in held.Where(a => a.Workspace != changed))
                {
                    if (demands.Any(d => d.Workspace == before.Workspace && d.State != GpuWorkloadState.Stopped))
                    {
                        Assert.Equal(before, result.Assignments.Single(a => a.Workspace == before.Workspace));
                    }
                }

                Assert.Equal(result.Assignments, GpuAllocator.Allocate(inventories, held, demands, options).Assignments);
                Assert.Equal(result.Pending, GpuAllocator.Allocate(inventories, held, demands, options).Pending);
                held = result.Assignments;
            }
        }, iter: 400);
    }
}
