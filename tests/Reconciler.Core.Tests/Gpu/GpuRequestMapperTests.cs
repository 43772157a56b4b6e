using Reconciler.Core.Devcontainers;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Gpu;

public sealed class GpuRequestMapperTests
{
    [Fact]
    public void Workspace_yaml_gpu_maps_field_by_field()
    {
        var spec = Workspace.Parse(
            "version: 1",
            "workspaces:",
            "  - name: notebook",
            "    gpu: { mode: shared, count: 1, model: H100, memory: 8Gi, replicas: 2 }").Workspaces.Single().Gpu;

        Assert.Equal(new GpuRequest(GpuMode.Shared, 1, "H100", null, 8L << 30, 2), GpuRequestMapper.From(spec));
    }

    [Fact]
    public void Devcontainer_true_is_one_exclusive_gpu()
        => Assert.Equal(new GpuRequest(GpuMode.Exclusive, 1), GpuRequestMapper.From(new GpuRequirement(true)));

    [Fact]
    public void Devcontainer_optional_is_an_optional_shared_slot()
        => Assert.Equal(new GpuRequest(GpuMode.Shared, 1, Optional: true), GpuRequestMapper.From(new GpuRequirement(false)));

    [Fact]
    public void Devcontainer_cores_and_memory_are_an_exclusive_gpu_with_at_least_that_memory()
    {
        var request = GpuRequestMapper.From(new GpuRequirement(true, 1024, 16L << 30));

        Assert.Equal(new GpuRequest(GpuMode.Exclusive, 1, MemoryBytes: 16L << 30) { Cores = 1024 }, request);
    }

    [Fact]
    public void Workspace_yaml_wins_over_the_devcontainer_when_it_names_a_mode()
    {
        Assert.Equal(GpuMode.Mig, GpuRequestMapper.From(new GpuSpec(GpuMode.Mig, 1, Profile: "1g.10gb"), new GpuRequirement(true)).Mode);
        Assert.Equal(GpuMode.Exclusive, GpuRequestMapper.From(new GpuSpec(), new GpuRequirement(true)).Mode);
        Assert.False(GpuRequestMapper.From(new GpuSpec(), null).WantsGpu);
    }
}
