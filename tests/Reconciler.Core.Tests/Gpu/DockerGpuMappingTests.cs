using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

public sealed class DockerGpuMappingTests
{
    [Fact]
    public void Exclusive_gpus_become_one_nvidia_device_request_with_their_uuids()
    {
        var assignment = new GpuAssignment("trainer", "h", GpuMode.Exclusive, [new AssignedGpu("GPU-a"), new AssignedGpu("GPU-b")]);

        Assert.True(DockerGpuMapping.TryMap(assignment, out var settings, out _));

        var request = Assert.Single(settings!.DeviceRequests);
        Assert.Equal("nvidia", request.Driver);
        Assert.Equal(["GPU-a", "GPU-b"], request.DeviceIds);
        Assert.Equal(["gpu"], Assert.Single(request.Capabilities));
        Assert.Equal("GPU-a,GPU-b", settings.Environment["NVIDIA_VISIBLE_DEVICES"]);
        Assert.Equal("GPU-a,GPU-b", settings.Environment["CUDA_VISIBLE_DEVICES"]);
        Assert.Equal("v1;mode=exclusive;gpus=GPU-a,GPU-b", settings.Labels[GpuLabels.Key]);
    }

    [Fact]
    public void Mig_instances_are_addressed_by_their_mig_uuid()
    {
        var assignment = new GpuAssignment("w", "h", GpuMode.Mig, [new AssignedGpu("GPU-a", "MIG-1", 9)], "3g.40gb");

        Assert.True(DockerGpuMapping.TryMap(assignment, out var settings, out _));

        Assert.Equal(["MIG-1"], settings!.DeviceRequests.Single().DeviceIds);
        Assert.Equal("v1;mode=mig;profile=3g.40gb;gpus=GPU-a/9/MIG-1", settings.Labels[GpuLabels.Key]);
    }

    [Fact]
    public void A_mig_instance_still_to_be_created_and_a_vgpu_have_no_docker_mapping()
    {
        var planned = new GpuAssignment("w", "h", GpuMode.Mig, [new AssignedGpu("GPU-a")], "1g.10gb");
        var vgpu = new GpuAssignment("w", "h", GpuMode.Vgpu, [new AssignedGpu("GPU-a")], "H100-20C");

        Assert.False(DockerGpuMapping.TryMap(planned, out var none, out var reason));
        Assert.Null(none);
        Assert.Contains("no UUID yet", reason);
        Assert.False(DockerGpuMapping.TryMap(vgpu, out _, out reason));
        Assert.Contains("VMs", reason);
    }

    public static TheoryData<GpuAssignment> Assignments() =>
    [
        new GpuAssignment("w", "h", GpuMode.Exclusive, [new AssignedGpu("GPU-a")]),
        new GpuAssignment("w", "h", GpuMode.Shared, [new AssignedGpu("GPU-a"), new AssignedGpu("GPU-b")], null, 8L << 30, 2),
        new GpuAssignment("w", "h", GpuMode.Mig, [new AssignedGpu("GPU-a", "MIG-1", 3), new AssignedGpu("GPU-a"), new AssignedGpu("GPU-a", null, 4)], "1g.10gb"),
        new GpuAssignment("w", "h", GpuMode.Vgpu, [new AssignedGpu("GPU-a")], "H100-20C"),
    ];

    [Theory]
    [MemberData(nameof(Assignments))]
    public void The_label_reads_back_to_the_same_assignment(GpuAssignment assignment)
    {
        var labels = new Dictionary<string, string> { [GpuLabels.Key] = GpuLabels.Format(assignment) };

        Assert.Equal(assignment, GpuLabels.Read(labels, "w", "h"));
    }

    [Theory]
    [InlineData("v2;mode=exclusive;gpus=GPU-a")]
    [InlineData("v1;mode=turbo;gpus=GPU-a")]
    [InlineData("v1;mode=exclusive")]
    [InlineData("v1;mode=exclusive;gpus=GPU-a/1/MIG-x")]
    [InlineData("v1;mode=mig;gpus=GPU-a/x/")]
    [InlineData("v1;mode=shared;memory=lots;gpus=GPU-a")]
    [InlineData("v1;mode=shared;mode=shared;gpus=GPU-a")]
    public void A_foreign_or_damaged_label_reads_as_no_assignment(string label)
        => Assert.Null(GpuLabels.Read(new Dictionary<string, string> { [GpuLabels.Key] = label }, "w", "h"));
}
