using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;

namespace Reconciler.Core.Tests.Gpu;

public sealed class QueryGpuCsvParserTests
{
    [Fact]
    public void Reads_the_real_noheader_nounits_capture_with_the_field_list_it_was_run_with()
    {
        var result = QueryGpuCsvParser.ParseNoHeader(H100Fixture.Read("query-gpu.csv"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(new GpuDevice(0, H100Fixture.Uuid, H100Fixture.Name, H100Fixture.MemoryMiB, H100Fixture.PciBusId, MigMode.Disabled, MigMode.Disabled), Assert.Single(result.Value!));
    }

    [Fact]
    public void Reads_columns_by_header_name_in_any_order_with_units()
    {
        var result = QueryGpuCsvParser.Parse("""
            name, memory.total [MiB], uuid, index, mig.mode.current
            NVIDIA A100-SXM4-80GB, 81920 MiB, GPU-1, 1, Enabled
            NVIDIA A100-SXM4-80GB, 81920 MiB, GPU-0, 0, [N/A]
            """);

        Assert.True(result.Succeeded);
        Assert.Equal([(1, "GPU-1", 81920L, MigMode.Enabled), (0, "GPU-0", 81920L, MigMode.NotSupported)],
            result.Value!.Select(g => (g.Index, g.Uuid, g.MemoryMiB, g.MigCurrent)));
        Assert.Null(result.Value![0].PciBusId);
    }

    [Fact]
    public void A_missing_required_column_is_a_diagnostic()
    {
        var result = QueryGpuCsvParser.Parse("index, name\n0, X\n");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.GpuInventoryInvalid, error.Code);
        Assert.Contains("uuid, memory.total", error.Message);
    }

    [Fact]
    public void A_short_or_unreadable_row_is_a_diagnostic_at_its_line_and_other_rows_still_read()
    {
        var result = QueryGpuCsvParser.Parse("index, uuid, name, memory.total\n0, GPU-0, X\nx, GPU-1, X, 10\n2, GPU-2, X, 10\n", "csv");

        Assert.Equal([2, 3], result.Diagnostics.Select(d => d.Location!.Line));
        Assert.Equal("GPU-2", Assert.Single(result.Value!).Uuid);
    }
}
