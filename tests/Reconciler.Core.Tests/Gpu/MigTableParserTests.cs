using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;

namespace Reconciler.Core.Tests.Gpu;

public sealed class MigTableParserTests
{
    /// <summary>
    /// The capture lists seven rows: the six profiles COMMANDS.md names and 1g.10gb+me (one 1g.10gb slice
    /// with the media engines), which COMMANDS.md leaves out.
    /// </summary>
    [Fact]
    public void Reads_the_seven_profiles_of_the_real_H100_capture()
    {
        var result = MigTableParser.ParseProfiles(H100Fixture.Read("mig-lgip.txt"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.All(result.Value!, row => Assert.Equal(0, row.GpuIndex));
        Assert.Equal(
            [
                new MigProfile("1g.10gb", 19, 7, 7, 9984, 1),
                new MigProfile("1g.10gb+me", 20, 1, 1, 9984, 1),
                new MigProfile("1g.20gb", 15, 4, 4, 20091, 1),
                new MigProfile("2g.20gb", 14, 3, 3, 20091, 2),
                new MigProfile("3g.40gb", 9, 2, 2, 40448, 3),
                new MigProfile("4g.40gb", 5, 1, 1, 40448, 4),
                new MigProfile("7g.80gb", 0, 1, 1, 81152, 7),
            ],
            result.Value!.Select(r => r.Value));
    }

    /// <summary>
    /// The fixture machine had MIG disabled, so there is no captured <c>mig -lgi</c>. This sample follows the
    /// format NVIDIA documents in the MIG user guide (GPU, Name, Profile ID, Instance ID, Placement Start:Size),
    /// with H100 profile ids from the capture above.
    /// </summary>
    [Fact]
    public void Reads_existing_gpu_instances_from_a_documented_format_sample()
    {
        const string sample = """
            +-------------------------------------------------------+
            | GPU instances:                                        |
            | GPU   Name             Profile  Instance   Placement  |
            |                          ID       ID       Start:Size |
            |=======================================================|
            |   0  MIG 3g.40gb          9        2          0:4     |
            +-------------------------------------------------------+
            |   0  MIG 1g.10gb         19        9          4:1     |
            +-------------------------------------------------------+
            |   1  MIG 7g.80gb          0        0          0:8     |
            +-------------------------------------------------------+
            """;

        var result = MigTableParser.ParseInstances(sample);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(
            [
                new MigRow<MigInstance>(0, new MigInstance("3g.40gb", 9, 2, 0, 4)),
                new MigRow<MigInstance>(0, new MigInstance("1g.10gb", 19, 9, 4, 1)),
                new MigRow<MigInstance>(1, new MigInstance("7g.80gb", 0, 0, 0, 8)),
            ],
            result.Value!);
    }

    [Fact]
    public void No_instances_reads_as_an_empty_list()
    {
        var result = MigTableParser.ParseInstances("No GPU instances found: Not Found\n");

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!);
    }

    [Fact]
    public void A_mangled_row_is_a_diagnostic_at_its_line()
    {
        var text = H100Fixture.Read("mig-lgip.txt").Replace("3g.40gb          9     2/2", "3g.40gb          9     2of2", StringComparison.Ordinal);

        var result = MigTableParser.ParseProfiles(text, "lgip");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.GpuInventoryInvalid, error.Code);
        Assert.Equal(new SourceLocation("lgip", 18, 1), error.Location);
        Assert.Equal(6, result.Value!.Count);
    }

    [Fact]
    public void Text_that_is_not_a_mig_table_is_a_diagnostic()
    {
        var result = MigTableParser.ParseProfiles("Failed to initialize NVML: Driver/library version mismatch\n");

        Assert.Equal(DiagnosticCodes.GpuInventoryInvalid, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("MIG 3g.40gb", 3)]
    [InlineData("1g.10gb+me", 1)]
    [InlineData("7g.80gb", 7)]
    public void Compute_slices_come_from_the_profile_name(string name, int slices)
        => Assert.Equal(slices, MigProfileName.Slices(name));

    [Fact]
    public void The_composer_attaches_rows_to_the_gpu_with_their_index()
    {
        var devices = QueryGpuCsvParser.ParseNoHeader(H100Fixture.Read("query-gpu.csv")).Value!;
        var profiles = MigTableParser.ParseProfiles(H100Fixture.Read("mig-lgip.txt")).Value!;
        var stray = new MigRow<MigInstance>(3, new MigInstance("1g.10gb", 19, 1, 0, 1));

        var inventory = GpuInventoryComposer.Compose("gpu-node-1", devices, profiles, [stray]);

        var gpu = Assert.Single(inventory.Devices);
        Assert.Equal(7, gpu.MigProfiles.Count);
        Assert.Empty(gpu.MigInstances);
    }
}
