using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>The real captures of one H100 80GB HBM3 with MIG disabled (see COMMANDS.md beside them).</summary>
internal static class H100Fixture
{
    public const string Uuid = "GPU-b415a2fd-e821-7b7c-b5cb-fa21e07a8843";
    public const string Name = "NVIDIA H100 80GB HBM3";
    public const long MemoryMiB = 81559;
    public const string PciBusId = "00000000:00:06.0";

    public static string Read(string file) => File.ReadAllText(TestPaths.Fixture("gpu", "h100-80gb-mig-disabled", file));
}
