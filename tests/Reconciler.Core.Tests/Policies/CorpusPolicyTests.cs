using Reconciler.Core.Devcontainers;
using Reconciler.Core.Policies;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Workspaces;
using Reconciler.TestKit;
using Xunit.Abstractions;

namespace Reconciler.Core.Tests.Policies;

/// <summary>The default set over the 217 real devcontainer.json files of the shared corpus: no exception, every violation located.</summary>
public sealed class CorpusPolicyTests(ITestOutputHelper output)
{
    [Fact]
    public void Default_set_evaluates_every_corpus_config()
    {
        var files = Directory.GetFiles(TestPaths.Fixture("devcontainer-corpus"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(217, files.Count);
        var workspaceFile = WorkspaceFileParser.Parse("version: 1\nworkspaces:\n  - name: dev\n", ".daytona/workspace.yaml").Value!;
        var counts = PolicyHarness.DefaultSet.ToDictionary(p => p.Name, _ => 0);
        var evaluated = 0;
        foreach (var path in files)
        {
            var config = DevcontainerParser.Parse(File.ReadAllText(path), Path.GetFileName(path), SubstitutionContext.Empty("/src/repo", "id"));
            if (config.Value is null)
            {
                continue; // the parser's own corpus test covers configs it rejects
            }

            var effective = EffectiveWorkspaceBuilder.Build(workspaceFile, 0, config.Value, "example.test/corpus", "/src/repo");
            foreach (var violation in PolicyEvaluator.Evaluate(PolicyHarness.DefaultSet, [effective]))
            {
                Assert.True(violation.Location.Line >= 1 && violation.Location.Column >= 1, violation.ToString());
                Assert.DoesNotContain('\n', violation.Message);
                counts[violation.Policy.Name]++;
            }

            evaluated++;
        }

        output.WriteLine($"{evaluated} of {files.Count} configs parsed and evaluated; violations per policy:");
        foreach (var (name, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {name,-24} {count}");
        }

        Assert.True(evaluated >= 200, $"only {evaluated} configs evaluated");
        Assert.True(counts["non-root-user"] > 0 && counts["no-initialize-command"] > 0, "the corpus has root and initializeCommand configs");
    }
}
