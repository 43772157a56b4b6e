using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Rendering;

/// <summary>
/// Golden files: every workspace of every case under <c>Golden/</c> renders to exactly <c>expected/&lt;workspace&gt;.json</c>.
/// Regenerate after an intended change with <c>RECONCILER_REGENERATE_GOLDEN=1 dotnet test tests/Reconciler.Runtime.Kubernetes.Tests
/// --filter GoldenRenderingTests</c> and review the diff.
/// </summary>
public sealed class GoldenRenderingTests
{
    private static bool Regenerate => Environment.GetEnvironmentVariable("RECONCILER_REGENERATE_GOLDEN") == "1";

    public static IEnumerable<object[]> Cases() => RenderCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_exactly_the_golden_file(string name)
    {
        var testCase = RenderCases.Named(name);
        var actual = RenderedJson.Golden(WorkspaceRenderer.Render(testCase.Desired, testCase.Options));
        if (Regenerate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(testCase.GoldenPath)!);
            File.WriteAllText(testCase.GoldenPath, actual);
        }

        Assert.True(File.Exists(testCase.GoldenPath), $"{testCase.GoldenPath} is missing: run with RECONCILER_REGENERATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(testCase.GoldenPath), actual);
    }

    [Fact]
    public void Every_golden_file_belongs_to_a_case()
    {
        var expected = RenderCases.All().Select(c => c.GoldenPath).ToHashSet(StringComparer.Ordinal);
        var present = Directory.GetFiles(RenderCases.Root, "*.json", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(Path.GetDirectoryName(p)) == "expected");
        Assert.DoesNotContain(present, p => !expected.Contains(p));
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        foreach (var testCase in RenderCases.All())
        {
            Assert.Equal(
                RenderedJson.Golden(WorkspaceRenderer.Render(testCase.Desired, testCase.Options)),
                RenderedJson.Golden(WorkspaceRenderer.Render(testCase.Desired, testCase.Options)));
        }
    }
}
