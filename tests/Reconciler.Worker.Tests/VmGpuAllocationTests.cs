using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Gpus;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Tests;

/// <summary>
/// GPUs of a libvirt host go through the worker's GPU ledger and the pure allocator, on real libvirt (no GPU here:
/// GPU domains are defined, never started with their devices). The assignment lands in the domain XML (PCI hostdev,
/// mdev for vGPU) and in its metadata, from which the ledger reads the holders back, so a fresh ledger (a worker
/// restart) still sees the GPU taken and a second VM asking for the only exclusive GPU is Pending with a reason.
/// </summary>
public sealed partial class VmGpuAllocationTests : IDisposable
{
    private const string Host = "kvm";
    private const string Gpu = "GPU-vm-test-0";
    private const string VgpuCard = "GPU-vm-test-1";
    private readonly TempDirectory _folder = new("vm-gpu");
    private readonly TempDirectory _checkout = new("vm-gpu-repo");
    private readonly List<RuntimeSet> _sets = [];
    private readonly string _a = $"example.test/vmgpu/a-{Guid.NewGuid():N}";
    private readonly string _b = $"example.test/vmgpu/b-{Guid.NewGuid():N}";

    public VmGpuAllocationTests()
    {
        VirshTool.CreateBlankImage(Path.Combine(_folder.Path, "images", DesiredVms.BaseImage));
    }

    /// <summary>One libvirt host with one whole GPU (H100) and, with <paramref name="vgpuCard"/>, a card with an A40-12Q vGPU type.</summary>
    private static ReconcilerConfig Config(bool vgpuCard) => new()
    {
        LibvirtHosts = new Dictionary<string, LibvirtHostConfig>
        {
            [Host] = new("images", "vms")
            {
                ShutdownTimeout = TimeSpan.FromSeconds(1),
                Gpus = new GpuInventoryConfig
                {
                    Kind = GpuInventorySourceKind.Declared,
                    Declared = new DeclaredGpuInventory
                    {
                        Host = Host,
                        Gpus = vgpuCard
                            ? [new DeclaredGpu { Uuid = VgpuCard, Name = "NVIDIA A40", MemoryMiB = 46068, PciBusId = "00000000:42:00.0", VgpuProfiles = [new VgpuProfile("A40-12Q", 4)] }]
                            : [new DeclaredGpu { Uuid = Gpu, Name = "NVIDIA H100 80GB HBM3", MemoryMiB = 81559, PciBusId = "00000000:41:00.0" }],
                    },
                },
            },
        },
    };

    [Fact]
    public async Task The_only_exclusive_gpu_goes_into_the_domain_and_a_second_vm_is_pending_even_after_a_restart()
    {
        var (runtimes, ledger) = Worker(vgpuCard: false);
        var first = await ledger.AllocateAsync(_a, [WantsExclusive(_a)], CancellationToken.None);
        var placed = Assert.Single(first.Workspaces);
        Assert.Equal(Gpu, Assert.Single(placed.Gpu!.Assignment!.Gpus).DeviceUuid);

        // Defined (stopped: there is no GPU to start it with): the XML passes the GPU through by its declared PCI address.
        await ApplyAsync(runtimes, placed with { Power = PowerState.Stopped });
        ledger.Complete(_a, releasedGpus: false);
        var name = WorkspaceNames.Base(placed.Key);
        var xml = VirshTool.Run("dumpxml", name);
        Assert.Matches(@"<hostdev mode='subsystem' type='pci' managed='yes'>\s*<source>\s*<address domain='0x0000' bus='0x41' slot='0x00' function='0x0'/>", xml);

        // The GPU VM "runs": the same definition and metadata without the device (no hardware here), started.
        RunWithoutDevices(name);

        // A restart: a fresh runtime set and ledger know only what libvirt says.
        var (_, restarted) = Worker(vgpuCard: false);
        var holders = (await restarted.AllocateAsync(_b, [WantsExclusive(_b)], CancellationToken.None));
        var pending = Assert.Single(holders.Pending);
        Assert.Equal("needs 1 × GPU on one host; free: 0", pending.Reason);
        var plan = HostMoves.Plan(holders.Workspaces, new HostedObservations([], new Dictionary<string, string>()));
        var action = Assert.Single(plan.Actions);
        Assert.Equal(PlanActionKind.Pending, action.Kind);
        Assert.Contains("waiting for GPUs: needs 1 × GPU on one host; free: 0", action.Reasons);
        restarted.Complete(_b, releasedGpus: false);

        // The holder's own repository keeps its GPU after the restart: its spec (and domain) stay as they are.
        var again = await restarted.AllocateAsync(_a, [WantsExclusive(_a)], CancellationToken.None);
        Assert.Equal(placed.SpecHash, Assert.Single(again.Workspaces).SpecHash);
        restarted.Complete(_a, releasedGpus: false);
    }

    [Fact]
    public async Task A_vgpu_request_gets_a_mediated_device_of_its_profile_in_the_domain()
    {
        var (runtimes, ledger) = Worker(vgpuCard: true);
        var wants = OnHost(DesiredVms.For(_a, "vgpu")) with { Gpu = new WorkspaceGpu(new GpuRequest(GpuMode.Vgpu, 1, Profile: "A40-12Q")) };

        var result = await ledger.AllocateAsync(_a, [wants], CancellationToken.None);
        var placed = Assert.Single(result.Workspaces);
        await ApplyAsync(runtimes, placed with { Power = PowerState.Stopped });
        ledger.Complete(_a, releasedGpus: false);

        var assignment = placed.Gpu!.Assignment!;
        Assert.Equal((GpuMode.Vgpu, "A40-12Q", VgpuCard), (assignment.Mode, assignment.Profile, Assert.Single(assignment.Gpus).DeviceUuid));
        var xml = VirshTool.Run("dumpxml", WorkspaceNames.Base(placed.Key));
        Assert.Matches(@"<hostdev mode='subsystem' type='mdev'( managed='no')? model='vfio-pci'( display='off')?>\s*<source>\s*<address uuid='[0-9a-f-]{36}'/>", xml);
        var holder = Assert.Single(await runtimes.Vm(Host)!.ObserveGpuHoldersAsync(CancellationToken.None), h => h.Key == placed.Key);
        Assert.Equal((GpuMode.Vgpu, "A40-12Q", false), (holder.Assignment.Mode, holder.Assignment.Profile, holder.Running));
    }

    public void Dispose()
    {
        foreach (var name in VirshTool.AllNames().Where(n => n.EndsWith("-" + WorkspaceNames.RepositoryHash(_a), StringComparison.Ordinal)
                                                             || n.EndsWith("-" + WorkspaceNames.RepositoryHash(_b), StringComparison.Ordinal)))
        {
            VirshTool.RemoveIfPresent(name);
        }

        foreach (var set in _sets)
        {
            set.Dispose();
        }

        _checkout.Dispose();
        _folder.Dispose();
    }

    private static DesiredWorkspace OnHost(DesiredWorkspace desired) => desired with { Spec = desired.Spec with { Host = Host } };

    private static DesiredWorkspace WantsExclusive(string repository)
        => OnHost(DesiredVms.For(repository, "gpu")) with { Gpu = new WorkspaceGpu(new GpuRequest(GpuMode.Exclusive, 1)) };

    private (RuntimeSet Runtimes, GpuLedger Ledger) Worker(bool vgpuCard)
    {
        var config = Config(vgpuCard);
        var (settings, diagnostics) = WorkerConfigLoader.Resolve(Path.Combine(_folder.Path, "reconciler.yaml"), config);
        Assert.True(settings is not null, string.Join('\n', diagnostics));
        var runtimes = new RuntimeSet(settings!, NullLoggerFactory.Instance);
        _sets.Add(runtimes);
        var inventories = new GpuInventories(config, runtimes, TimeProvider.System, NullLogger<GpuInventories>.Instance);
        return (runtimes, new GpuLedger(inventories, runtimes, new GpuAllocatorOptions(), TimeSpan.FromSeconds(30), null, NullLogger<GpuLedger>.Instance));
    }

    private async Task ApplyAsync(RuntimeSet runtimes, DesiredWorkspace desired)
    {
        var result = await runtimes.Runtime(Host).ApplyAsync(
            new PlanAction(PlanActionKind.Create, desired.Key, desired, null, []),
            new ApplyContext(new LocalCheckoutContent(_checkout.Path, desired.Key.Repository), false),
            CancellationToken.None);
        Assert.True(result.Outcome == ApplyOutcome.Succeeded, $"{result.Reason}: {result.Message}");
    }

    private void RunWithoutDevices(string name)
    {
        var stripped = HostDevice().Replace(VirshTool.Run("dumpxml", name), "");
        var file = Path.Combine(_folder.Path, name + ".xml");
        File.WriteAllText(file, stripped);
        VirshTool.Run("define", file);
        VirshTool.Run("start", name);
        Assert.Equal("running", VirshTool.State(name));
    }

    [GeneratedRegex(@"<hostdev\b.*?</hostdev>", RegexOptions.Singleline)]
    private static partial Regex HostDevice();
}
