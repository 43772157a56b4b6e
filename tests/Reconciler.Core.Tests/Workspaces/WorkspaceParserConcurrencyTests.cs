using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>The worker parses many repositories at once against one cached schema.</summary>
public sealed class WorkspaceParserConcurrencyTests
{
    [Fact]
    public void Parallel_parses_share_the_schema_safely()
    {
        var text = File.ReadAllText(Examples.Workspace);
        var broken = text.Replace("resources:", "resorces:", StringComparison.Ordinal);

        var results = Enumerable.Range(0, 64).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => WorkspaceFileParser.Parse(i % 2 == 0 ? text : broken, Yaml.File))
            .ToList();

        Assert.Equal(64, results.Count);
        Assert.Equal(32, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("did you mean 'resources'?", Assert.Single(r.Diagnostics).Message));
    }
}
