using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary>GPU inventory sources per Docker host and the <c>gpu</c> section: binding and located errors.</summary>
public sealed class GpuSectionTests
{
    [Fact]
    public void Declared_gpus_bind_with_mig_profiles_and_instances()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default:",
            "      endpoint: unix:///var/run/docker.sock",
            "      gpus:",
            "        - { uuid: GPU-a, name: NVIDIA H100 80GB HBM3, memory: 80Gi }",
            "        - uuid: GPU-b",
            "          name: NVIDIA H100 80GB HBM3",
            "          memory: 81559Mi",
            "          mig: true",
            "          migProfiles: [{ name: 1g.10gb, total: 7 }, { name: 3g.40gb, total: 2, memory: 40Gi }]",
            "          migInstances: [{ profile: 3g.40gb, id: 2, uuid: MIG-x }]",
            "gpu: { defaultSharedReplicas: 2, pendingRecheckInterval: 10s, reserveBeforeStart: 30m }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var source = result.Value!.DockerHosts["default"].Gpus!;
        Assert.Equal(GpuInventorySourceKind.Declared, source.Kind);
        var inventory = source.Declared!.ToInventory().Value!;
        Assert.Equal([("GPU-a", 0, 81920L, false), ("GPU-b", 1, 81559L, true)], inventory.Devices.Select(d => (d.Uuid, d.Index, d.MemoryMiB, d.IsMigEnabled)));
        Assert.Equal([("1g.10gb", 7, 1), ("3g.40gb", 2, 3)], inventory.Devices[1].MigProfiles.Select(p => (p.Name, p.Total, p.Slices)));
        Assert.Equal(("3g.40gb", 2, "MIG-x"), inventory.Devices[1].MigInstances.Select(i => (i.Profile, i.InstanceId, i.Uuid)).Single());
        Assert.Equal((2, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30)), (result.Value.Gpu.DefaultSharedReplicas, result.Value.Gpu.PendingRecheckInterval, result.Value.Gpu.ReserveBeforeStart));
    }

    [Fact]
    public void A_command_source_binds_with_its_refresh_interval()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    gpu-1:",
            "      endpoint: tcp://10.0.0.7:2375",
            "      gpuInventory: { command: [ssh, gpu-1, nvidia-smi, -q, -x], refreshInterval: 10m }",
            "    gpu-2:",
            "      endpoint: tcp://10.0.0.8:2375",
            "      gpuInventory: { docker: { image: nvidia/cuda:12.4.1-base-ubuntu22.04 } }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var command = result.Value!.DockerHosts["gpu-1"].Gpus!;
        Assert.Equal((GpuInventorySourceKind.Command, "ssh gpu-1 nvidia-smi -q -x", TimeSpan.FromMinutes(10)), (command.Kind, string.Join(" ", command.Command), command.RefreshInterval));
        var probe = result.Value.DockerHosts["gpu-2"].Gpus!;
        Assert.Equal((GpuInventorySourceKind.Docker, "nvidia/cuda:12.4.1-base-ubuntu22.04", GpuInventoryConfig.DefaultRefreshInterval), (probe.Kind, probe.Image, probe.RefreshInterval));
    }

    [Theory]
    [InlineData("      gpus: [{ uuid: GPU-a, name: A, memory: 1Gi }, { uuid: GPU-a, name: B, memory: 1Gi }]", 6, "/runtimes/docker/default/gpus/1/uuid", "already declared as gpus[0]")]
    [InlineData("      gpus: [{ uuid: GPU-a, name: A, memory: 1Gi, index: 0 }, { uuid: GPU-b, name: B, memory: 1Gi, index: 0 }]", 6, "/runtimes/docker/default/gpus/1/index", "index 0 is already used")]
    [InlineData("      gpus: [{ uuid: GPU-a, name: A, memory: 1Gi, mig: true, migInstances: [{ profile: 2g.20gb, id: 1 }] }]", 6, "/runtimes/docker/default/gpus/0/migInstances/0/profile", "is not in migProfiles")]
    [InlineData("      gpuInventory: { refreshInterval: 1m }", 6, "/runtimes/docker/default/gpuInventory", "name one source")]
    public void Bad_gpu_sources_are_located_errors(string line, int lineNumber, string pointer, string message)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default:",
            "      endpoint: unix:///var/run/docker.sock",
            line), Yaml.File);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, pointer, lineNumber), (error.Code, error.JsonPointer, error.Location!.Line));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Declared_gpus_and_an_inventory_source_together_are_refused()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default:",
            "      endpoint: unix:///var/run/docker.sock",
            "      gpus: [{ uuid: GPU-a, name: A, memory: 1Gi }]",
            "      gpuInventory: { command: [nvidia-smi, -q, -x] }"), Yaml.File);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("/runtimes/docker/default/gpuInventory", 7), (error.JsonPointer, error.Location!.Line));
        Assert.Contains("either gpus (declared) or gpuInventory", error.Message);
    }

    [Fact]
    public void An_unknown_key_in_a_declared_gpu_is_a_schema_error_at_its_line()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default:",
            "      endpoint: unix:///var/run/docker.sock",
            "      gpus:",
            "        - { uuid: GPU-a, name: A, memory: 1Gi, cores: 5 }"), Yaml.File);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.UnknownKey, 7), (error.Code, error.Location!.Line));
    }
}
