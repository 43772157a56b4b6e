using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Gpus;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>A running container whose GPU label cannot be read still holds the devices it asked the engine for.</summary>
public sealed class GpuHolderFallbackTests
{
    private static readonly WorkspaceKey Key = new("example.test/repo", "train");

    [Fact]
    public void Devices_of_the_device_requests_are_held_exclusively()
    {
        var holder = GpuHolderReader.FromDeviceRequests(Key, "abc", "gpu-1",
        [
            new DeviceRequest { Driver = "nvidia", DeviceIDs = ["GPU-1", "GPU-2"], Capabilities = [["gpu"]] },
            new DeviceRequest { Driver = "nvidia", DeviceIDs = ["GPU-2"] },
        ]);

        Assert.NotNull(holder);
        Assert.True(holder.Running);
        Assert.Equal(GpuMode.Exclusive, holder.Assignment.Mode);
        Assert.Equal(["GPU-1", "GPU-2"], holder.Assignment.Gpus.Select(g => g.DeviceUuid));
        Assert.Equal("gpu-1", holder.Assignment.Host);
    }

    [Fact]
    public void A_container_without_device_requests_holds_nothing()
    {
        Assert.Null(GpuHolderReader.FromDeviceRequests(Key, "abc", "gpu-1", null));
        Assert.Null(GpuHolderReader.FromDeviceRequests(Key, "abc", "gpu-1", [new DeviceRequest { Driver = "nvidia", DeviceIDs = [] }]));
    }
}
