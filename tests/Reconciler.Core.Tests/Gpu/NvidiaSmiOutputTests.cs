using Reconciler.Core.Gpu.Inventory;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>What an inventory command or the Docker probe printed, on the real H100 captures.</summary>
public sealed class NvidiaSmiOutputTests
{
    [Fact]
    public void The_probe_sections_compose_devices_and_mig_profiles()
    {
        var output = string.Join('\n',
            NvidiaSmiOutput.Marker + NvidiaSmiOutput.DevicesSection,
            H100Fixture.Read("nvidia-smi-q.xml"),
            NvidiaSmiOutput.Marker + NvidiaSmiOutput.ProfilesSection,
            H100Fixture.Read("mig-lgip.txt"),
            NvidiaSmiOutput.Marker + NvidiaSmiOutput.InstancesSection,
            "No GPU instances found: Not Found");

        var parsed = NvidiaSmiOutput.Parse("gpu-1", output, "probe");

        Assert.True(parsed.Succeeded, string.Join('\n', parsed.Diagnostics));
        var device = Assert.Single(parsed.Value!.Devices);
        Assert.Equal(("gpu-1", H100Fixture.Uuid, H100Fixture.Name, H100Fixture.MemoryMiB, MigMode.Disabled), (parsed.Value.Host, device.Uuid, device.Name, device.MemoryMiB, device.MigCurrent));
        Assert.Equal(7, device.MigProfiles.Count);
        Assert.Empty(device.MigInstances);
    }

    [Fact]
    public void Plain_xml_and_headerless_csv_are_recognised()
    {
        var xml = NvidiaSmiOutput.Parse("h", H100Fixture.Read("nvidia-smi-q.xml"), "cmd");
        var csv = NvidiaSmiOutput.Parse("h", H100Fixture.Read("query-gpu.csv"), "cmd");

        Assert.Equal(H100Fixture.Uuid, xml.Value!.Devices.Single().Uuid);
        Assert.Equal((H100Fixture.Uuid, H100Fixture.MemoryMiB), (csv.Value!.Devices.Single().Uuid, csv.Value.Devices.Single().MemoryMiB));
    }

    [Fact]
    public void An_unreadable_mig_table_is_a_warning_and_the_gpus_stay_usable()
    {
        var output = H100Fixture.Read("query-gpu.csv").TrimEnd() + "\n" + NvidiaSmiOutput.Marker + NvidiaSmiOutput.ProfilesSection + "\nUnable to list profiles: Insufficient Permissions\n";

        var parsed = NvidiaSmiOutput.Parse("h", output, "cmd");

        Assert.True(parsed.Succeeded);
        var warning = Assert.Single(parsed.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(3, warning.Location!.Line);
        Assert.Single(parsed.Value!.Devices);
    }

    [Fact]
    public void Output_without_any_gpu_is_an_error_at_its_line()
    {
        var parsed = NvidiaSmiOutput.Parse("h", "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n", "ssh gpu-1 nvidia-smi");

        Assert.False(parsed.Succeeded);
        Assert.Contains(parsed.Diagnostics, d => d.IsError && d.Location!.File == "ssh gpu-1 nvidia-smi");
    }
}
