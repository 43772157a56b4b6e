using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Gpus;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// GPU workspaces on the real engine with a static inventory of fake UUIDs. This machine has no GPU and no NVIDIA
/// container toolkit: create works (the device request is only checked at start), start fails, and that failure is
/// reported as <c>NvidiaRuntimeUnavailable</c> naming the host. The created container is inspected as it was left.
/// </summary>
public sealed class GpuCreateTests : IAsyncLifetime
{
    private static readonly GpuInventory Inventory = new DeclaredGpuInventory
    {
        Host = "default",
        Gpus =
        [
            new DeclaredGpu { Uuid = "GPU-00000000-fake-0000-0000-000000000000", Name = "NVIDIA H100 80GB HBM3", MemoryMiB = 81559 },
            new DeclaredGpu { Uuid = "GPU-11111111-fake-0000-0000-000000000001", Name = "NVIDIA H100 80GB HBM3", MemoryMiB = 81559 },
        ],
    }.ToInventory().Value!;

    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    private IReadOnlyList<DesiredWorkspace> Place(params (string Workspace, GpuRequest Request)[] requests)
        => GpuPassAllocator.Allocate([.. requests.Select(r => _t.Desired(r.Workspace) with { Gpu = new WorkspaceGpu(r.Request) })], [], [Inventory]).Workspaces;

    private Task<ContainerInspectResponse> InspectCreatedAsync(string workspace)
        => _t.Client.Containers.InspectContainerAsync(DockerNames.CreatingContainer(new WorkspaceKey(_t.Repository, workspace)));

    [Fact]
    public async Task The_container_carries_the_device_request_env_and_label_and_start_failure_names_the_missing_runtime()
    {
        var desired = Place(("train", new GpuRequest(GpuMode.Exclusive, 2)))[0];

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal(NvidiaRuntime.UnavailableReason, result.Reason);
        Assert.StartsWith("NVIDIA runtime not available on host default: ", result.Message, StringComparison.Ordinal);
        var container = await InspectCreatedAsync("train");
        var request = Assert.Single(container.HostConfig.DeviceRequests);
        Assert.Equal("nvidia", request.Driver);
        Assert.Equal([Inventory.Devices[0].Uuid, Inventory.Devices[1].Uuid], request.DeviceIDs);
        Assert.Equal(["gpu"], Assert.Single(request.Capabilities));
        var visible = $"{Inventory.Devices[0].Uuid},{Inventory.Devices[1].Uuid}";
        Assert.Contains("NVIDIA_VISIBLE_DEVICES=" + visible, container.Config.Env);
        Assert.Contains("CUDA_VISIBLE_DEVICES=" + visible, container.Config.Env);
        Assert.Equal(GpuLabels.Format(desired.Gpu!.Assignment!), container.Config.Labels[GpuLabels.Key]);
        Assert.Equal(desired.Fields[GpuPassAllocator.Field], container.Config.Labels[GpuLabels.Key]);

        var holder = Assert.Single(await _t.Runtime.ObserveGpuHoldersAsync(CancellationToken.None), h => h.Key.Repository == _t.Repository);
        Assert.Equal((desired.Key, false), (holder.Key, holder.Running));
        Assert.Equal(desired.Gpu.Assignment! with { Workspace = holder.Assignment.Workspace }, holder.Assignment);
    }

    [Fact]
    public async Task Shared_assignments_put_the_same_device_in_several_containers()
    {
        var shared = new GpuRequest(GpuMode.Shared, 1, Replicas: 2);
        var placed = Place(("a", shared), ("b", shared));

        foreach (var desired in placed)
        {
            Assert.Equal(NvidiaRuntime.UnavailableReason, (await _t.ApplyAsync(PlanActionKind.Create, desired)).Reason);
        }

        var a = await InspectCreatedAsync("a");
        var b = await InspectCreatedAsync("b");
        Assert.Equal([Inventory.Devices[0].Uuid], Assert.Single(a.HostConfig.DeviceRequests).DeviceIDs);
        Assert.Equal([Inventory.Devices[0].Uuid], Assert.Single(b.HostConfig.DeviceRequests).DeviceIDs);
        Assert.Equal(2, (await _t.Runtime.ObserveGpuHoldersAsync(CancellationToken.None)).Count(h => h.Key.Repository == _t.Repository));
    }

    [Fact]
    public async Task A_workspace_without_an_assignment_sees_no_gpu_even_if_its_env_asks_for_all()
    {
        var desired = _t.Desired() with
        {
            Container = _t.Desired().Container with { Env = new Dictionary<string, string> { ["NVIDIA_VISIBLE_DEVICES"] = "all" } },
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        var container = await _t.Client.Containers.InspectContainerAsync(_t.ContainerName());
        Assert.Contains("NVIDIA_VISIBLE_DEVICES=void", container.Config.Env);
        Assert.DoesNotContain("NVIDIA_VISIBLE_DEVICES=all", container.Config.Env);
        Assert.Empty(container.HostConfig.DeviceRequests ?? []);
        Assert.False(container.Config.Labels.ContainsKey(GpuLabels.Key));
    }

    [Fact]
    public void The_inventory_probe_asks_for_every_gpu_and_runs_the_sections_script_without_network()
    {
        var parameters = GpuInventoryProbe.Parameters("nvidia/cuda:12.4.1-base-ubuntu22.04", "probe");

        var request = Assert.Single(parameters.HostConfig.DeviceRequests);
        Assert.Equal(("nvidia", -1L), (request.Driver, request.Count));
        Assert.Equal(["gpu", "utility"], Assert.Single(request.Capabilities));
        Assert.Equal(["/bin/sh", "-c", NvidiaSmiOutput.ProbeScript], parameters.Entrypoint);
        Assert.Equal("none", parameters.HostConfig.NetworkMode);
        Assert.False(parameters.Labels.ContainsKey(Core.Desired.OwnershipLabels.ManagedBy));
    }

    [Fact]
    public async Task The_probe_on_a_host_without_the_nvidia_runtime_reports_it()
    {
        var result = await _t.Runtime.ReadGpuInventoryAsync(TestKit.LocalImages.Busybox, CancellationToken.None);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("NVIDIA runtime not available on host default", error.Message);
        var left = await _t.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{GpuInventoryProbe.RoleLabel}={GpuInventoryProbe.RoleValue}"] = true } },
        });
        Assert.DoesNotContain(left, c => c.Names.Any(n => n.Contains("reconciler-gpu-inventory", StringComparison.Ordinal) && c.Created > DateTime.UtcNow.AddMinutes(-1)));
    }
}
