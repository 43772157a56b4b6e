using System.Diagnostics;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>nvidia-smi output may come from a compromised host: entities are never expanded and the DTD never fetched.</summary>
public sealed class HostileXmlTests
{
    [Fact]
    public void Billion_laughs_is_a_diagnostic_without_expansion()
    {
        var entities = string.Join("\n", Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE nvidia_smi_log [
            <!ENTITY lol0 "lol">
            {entities}
            ]>
            <nvidia_smi_log><gpu><product_name>&lol9;</product_name><uuid>GPU-x</uuid>
            <fb_memory_usage><total>1 MiB</total></fb_memory_usage></gpu></nvidia_smi_log>
            """;

        var clock = Stopwatch.StartNew();
        var result = NvidiaSmiXmlParser.Parse(xml);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Null(result.Value);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.GpuInventoryUnsafe, error.Code);
        Assert.Equal(14, error.Location!.Line);
        Assert.DoesNotContain("lollol", error.Message);
    }

    [Fact]
    public void An_external_entity_is_never_read()
    {
        using var temp = new TempDirectory();
        var secret = Path.Combine(temp.Path, "secret.txt");
        File.WriteAllText(secret, "TOP-SECRET");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE nvidia_smi_log [ <!ENTITY xxe SYSTEM "{new Uri(secret).AbsoluteUri}"> ]>
            <nvidia_smi_log><gpu><product_name>&xxe;</product_name><uuid>GPU-x</uuid>
            <fb_memory_usage><total>1 MiB</total></fb_memory_usage></gpu></nvidia_smi_log>
            """;

        var result = NvidiaSmiXmlParser.Parse(xml);

        Assert.Null(result.Value);
        Assert.Equal(DiagnosticCodes.GpuInventoryUnsafe, Assert.Single(result.Diagnostics).Code);
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("TOP-SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void An_external_dtd_is_not_fetched_so_its_entities_stay_undeclared()
    {
        using var temp = new TempDirectory();
        var dtd = Path.Combine(temp.Path, "nvsmi.dtd");
        File.WriteAllText(dtd, "<!ENTITY leak \"FROM-THE-DTD\">");
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE nvidia_smi_log SYSTEM "{new Uri(dtd).AbsoluteUri}">
            <nvidia_smi_log><gpu><product_name>&leak;</product_name><uuid>GPU-x</uuid>
            <fb_memory_usage><total>1 MiB</total></fb_memory_usage></gpu></nvidia_smi_log>
            """;

        var result = NvidiaSmiXmlParser.Parse(xml);

        Assert.Null(result.Value);
        Assert.Equal(DiagnosticCodes.GpuInventoryUnsafe, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_document_over_the_size_cap_is_refused_before_parsing()
    {
        var result = NvidiaSmiXmlParser.Parse("<nvidia_smi_log>" + new string(' ', NvidiaSmiXmlParser.MaxChars) + "</nvidia_smi_log>");

        Assert.Equal(DiagnosticCodes.FileTooLarge, Assert.Single(result.Diagnostics).Code);
    }
}
