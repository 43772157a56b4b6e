using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Configuration;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Queue;
using Reconciler.Core.Workspaces;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Gpus;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The host-wide ledger across repositories, on the real engine (no container holds the fake GPU): an assignment
/// handed to one repository's pass blocks another repository until that pass ends, and the end of a pass that
/// released GPUs requeues the repositories still waiting.
/// </summary>
public sealed class GpuLedgerTests : IDisposable
{
    private readonly TempDirectory _folder = new("gpu-ledger");
    private readonly RuntimeSet _runtimes;
    private readonly WorkQueue _queue = new(TimeProvider.System, new ExponentialBackoff(() => 0.5));
    private readonly GpuLedger _ledger;
    private readonly ReconcilerConfig _config;

    public GpuLedgerTests()
    {
        var config = new ReconcilerConfig
        {
            DockerHosts = new Dictionary<string, DockerEndpointConfig>
            {
                ["default"] = new("unix:///var/run/docker.sock")
                {
                    Gpus = new GpuInventoryConfig
                    {
                        Kind = GpuInventorySourceKind.Declared,
                        Declared = new DeclaredGpuInventory { Host = "default", Gpus = [new DeclaredGpu { Uuid = "GPU-ledger-test-0", Name = "NVIDIA H100 80GB HBM3", MemoryMiB = 81559 }] },
                    },
                },
            },
        };
        _config = config;
        var (settings, diagnostics) = WorkerConfigLoader.Resolve(Path.Combine(_folder.Path, "reconciler.yaml"), config);
        Assert.True(settings is not null, string.Join('\n', diagnostics));
        _runtimes = new RuntimeSet(settings!, NullLoggerFactory.Instance);
        var inventories = new GpuInventories(config, _runtimes, TimeProvider.System, NullLogger<GpuInventories>.Instance);
        _ledger = new GpuLedger(inventories, _runtimes, new GpuAllocatorOptions(), TimeSpan.FromSeconds(30), _queue, NullLogger<GpuLedger>.Instance);
    }

    private static DesiredWorkspace Wants(string repository) => DesiredWorkspaces.For(repository, "w") with
    {
        Gpu = new WorkspaceGpu(new GpuRequest(GpuMode.Exclusive, 1)),
    };

    [Fact]
    public async Task An_in_flight_assignment_of_one_repository_blocks_another_until_its_pass_ends()
    {
        var a = $"example.test/ledger/a-{Guid.NewGuid():N}";
        var b = $"example.test/ledger/b-{Guid.NewGuid():N}";

        var first = await _ledger.AllocateAsync(a, [Wants(a)], CancellationToken.None);
        var second = await _ledger.AllocateAsync(b, [Wants(b)], CancellationToken.None);

        Assert.Equal("GPU-ledger-test-0", Assert.Single(first.Assigned).Gpus.Single().DeviceUuid);
        Assert.Equal("needs 1 × GPU on one host; free: 0", Assert.Single(second.Pending).Reason);
        var (_, pending) = _ledger.Snapshot();
        Assert.Equal(new WorkspaceKey(b, "w"), Assert.Single(pending).Key);

        // A's pass ends having released GPUs (say it removed a holder): B, still waiting, is queued at once.
        _ledger.Complete(a, releasedGpus: true);
        Assert.Equal(1, _queue.Depth);

        // No container of A holds the GPU on the engine, so B gets it now.
        var again = await _ledger.AllocateAsync(b, [Wants(b)], CancellationToken.None);
        Assert.Equal("GPU-ledger-test-0", Assert.Single(again.Assigned).Gpus.Single().DeviceUuid);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(0, false)]
    public async Task A_stopped_holder_reserved_by_its_repository_blocks_other_repositories_within_the_window(int windowMinutes, bool blocks)
    {
        var a = $"example.test/ledger/a-{Guid.NewGuid():N}";
        var b = $"example.test/ledger/b-{Guid.NewGuid():N}";
        var ledger = new GpuLedger(
            new GpuInventories(_config, _runtimes, TimeProvider.System, NullLogger<GpuInventories>.Instance), _runtimes, new GpuAllocatorOptions(),
            TimeSpan.FromSeconds(30), _queue, NullLogger<GpuLedger>.Instance, TimeProvider.System, TimeSpan.FromMinutes(windowMinutes));

        // A's workspace was stopped by its schedule: its container (created, never started) still carries the GPU label.
        var assignment = new GpuAssignment($"{a}/w", "default", GpuMode.Exclusive, [new AssignedGpu("GPU-ledger-test-0")]);
        using var docker = new Docker.DotNet.DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
        var created = await docker.Containers.CreateContainerAsync(new Docker.DotNet.Models.CreateContainerParameters
        {
            Image = await LocalImages.EnsureBusyboxAsync(),
            Cmd = ["sleep", "1"],
            Name = "rc-ledger-" + Guid.NewGuid().ToString("N")[..12],
            Labels = new Dictionary<string, string>
            {
                [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
                [OwnershipLabels.Repository] = a,
                [OwnershipLabels.Workspace] = "w",
                [Core.Gpu.Docker.GpuLabels.Key] = Core.Gpu.Docker.GpuLabels.Format(assignment),
            },
        });
        try
        {
            var now = DateTimeOffset.UtcNow;
            var stopped = Wants(a) with
            {
                Power = PowerState.Stopped,
                PowerDecision = new Core.Lifecycle.PowerDecision(
                    Core.Lifecycle.DesiredPower.Stopped, "scheduled: outside the window",
                    new Core.Lifecycle.PowerTransition(now.AddMinutes(10), Core.Lifecycle.DesiredPower.Running, "window opens"), TimeZoneInfo.Utc),
            };
            await ledger.AllocateAsync(a, [stopped], CancellationToken.None);
            ledger.Complete(a, releasedGpus: false);

            var other = await ledger.AllocateAsync(b, [Wants(b)], CancellationToken.None);

            Assert.Equal(blocks, other.Pending.Count == 1);
            Assert.Equal(blocks ? 0 : 1, other.Assigned.Count);
        }
        finally
        {
            await docker.Containers.RemoveContainerAsync(created.ID, new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        }
    }

    [Fact]
    public async Task A_repository_without_gpu_requests_is_not_listed_or_locked()
    {
        var plain = DesiredWorkspaces.For("example.test/ledger/plain");

        var result = await _ledger.AllocateAsync("example.test/ledger/plain", [plain], CancellationToken.None);

        Assert.Same(plain, Assert.Single(result.Workspaces));
        Assert.Empty(result.Holders);
    }

    public void Dispose()
    {
        _queue.Dispose();
        _runtimes.Dispose();
        _folder.Dispose();
    }
}
