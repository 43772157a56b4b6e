using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>A file just under the size limit with thousands of workspaces inheriting defaults parses in one pass.</summary>
public sealed class WorkspaceLargeFileTests
{
    [Fact]
    public void Thousands_of_workspaces_inheriting_defaults_parse()
    {
        var lines = new List<string> { "version: 1", "defaults:", "  resources: { cpu: 1, memory: 1Gi }", "  labels: { a: b }", "workspaces:" };
        var (count, length) = (0, lines.Sum(l => l.Length + 1));
        while (length < InputLimits.MaxFileBytes - 100)
        {
            lines.Add($"  - {{ name: w{count++}, resources: {{ cpu: 2 }} }}");
            length += lines[^1].Length + 1;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = WorkspaceFileParser.Parse(Yaml.Lines([.. lines]), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics.Take(5)));
        Assert.Equal(count, result.Value!.Workspaces.Count);
        Assert.Equal(new(Yaml.File, 3, 24), result.Value.Document.Map.Locate($"/workspaces/{count - 1}/resources/memory"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"took {started.Elapsed}");
    }
}
