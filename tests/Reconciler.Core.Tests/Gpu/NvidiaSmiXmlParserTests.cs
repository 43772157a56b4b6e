using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;

namespace Reconciler.Core.Tests.Gpu;

public sealed class NvidiaSmiXmlParserTests
{
    [Fact]
    public void Reads_the_real_H100_capture_despite_its_doctype()
    {
        var xml = H100Fixture.Read("nvidia-smi-q.xml");
        Assert.Contains("<!DOCTYPE nvidia_smi_log SYSTEM \"nvsmi_device_v13.dtd\">", xml);

        var result = NvidiaSmiXmlParser.Parse(xml);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        var gpu = Assert.Single(result.Value!);
        Assert.Equal(new GpuDevice(0, H100Fixture.Uuid, H100Fixture.Name, H100Fixture.MemoryMiB, H100Fixture.PciBusId, MigMode.Disabled, MigMode.Disabled), gpu);
        Assert.False(gpu.IsMigEnabled);
        Assert.False(gpu.IsMigChangePending);
    }

    [Fact]
    public void Gpus_are_indexed_in_document_order_and_na_mig_mode_means_not_supported()
    {
        var result = NvidiaSmiXmlParser.Parse("""
            <?xml version="1.0" ?>
            <nvidia_smi_log>
              <gpu id="00000000:01:00.0"><product_name>NVIDIA A100-SXM4-40GB</product_name><uuid>GPU-a</uuid>
                <mig_mode><current_mig>Enabled</current_mig><pending_mig>Disabled</pending_mig></mig_mode>
                <fb_memory_usage><total>40960 MiB</total></fb_memory_usage></gpu>
              <gpu id="00000000:02:00.0"><product_name>Tesla T4</product_name><uuid>GPU-b</uuid>
                <mig_mode><current_mig>N/A</current_mig><pending_mig>N/A</pending_mig></mig_mode>
                <fb_memory_usage><total>15360 MiB</total></fb_memory_usage></gpu>
            </nvidia_smi_log>
            """);

        Assert.True(result.Succeeded);
        Assert.Equal([0, 1], result.Value!.Select(g => g.Index));
        Assert.Equal("00000000:01:00.0", result.Value![0].PciBusId);
        Assert.True(result.Value[0].IsMigChangePending);
        Assert.Equal(MigMode.NotSupported, result.Value[1].MigCurrent);
    }

    [Fact]
    public void A_gpu_without_a_uuid_is_a_diagnostic_at_its_line()
    {
        var result = NvidiaSmiXmlParser.Parse("<nvidia_smi_log>\n<gpu id=\"x\">\n<product_name>X</product_name>\n</gpu>\n</nvidia_smi_log>", "host-1.xml");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.GpuInventoryInvalid, error.Code);
        Assert.Equal(new SourceLocation("host-1.xml", 2, 2), error.Location);
        Assert.Contains("uuid", error.Message);
        Assert.Empty(result.Value!);
    }

    [Fact]
    public void Broken_xml_is_a_diagnostic_with_its_line_not_an_exception()
    {
        var result = NvidiaSmiXmlParser.Parse("<nvidia_smi_log>\n<gpu>\n</nvidia_smi_log>");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.SyntaxError, error.Code);
        Assert.Equal(3, error.Location!.Line);
    }

    [Fact]
    public void Another_root_element_is_rejected()
    {
        var result = NvidiaSmiXmlParser.Parse("<html/>");

        Assert.Equal(DiagnosticCodes.GpuInventoryInvalid, Assert.Single(result.Diagnostics).Code);
    }
}
