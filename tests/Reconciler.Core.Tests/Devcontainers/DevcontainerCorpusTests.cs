using Reconciler.Core.Devcontainers;
using Reconciler.TestKit;
using Xunit.Abstractions;

namespace Reconciler.Core.Tests.Devcontainers;

/// <summary>Real devcontainer.json files from public repositories (see shared/fixtures/SOURCES.md).</summary>
public sealed class DevcontainerCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Real_configs_parse_and_every_failure_is_located()
    {
        var files = Directory.GetFiles(TestPaths.Fixture("devcontainer-corpus"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 200, $"expected the corpus of about 217 files, found {files.Count}");

        var failures = new List<string>();
        var warnings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var result = DevcontainerParser.Parse(File.ReadAllText(path), path, SubstitutionContext.Empty("/src/" + name, "id"));
            foreach (var warning in result.Diagnostics.Where(d => !d.IsError))
            {
                warnings[warning.Code] = warnings.GetValueOrDefault(warning.Code) + 1;
                output.WriteLine($"  {Path.GetFileName(path)}: {warning}");
            }

            if (result.Succeeded)
            {
                continue;
            }

            failures.Add(Path.GetFileName(path));
            output.WriteLine($"FAILED {Path.GetFileName(path)}");
            foreach (var diagnostic in result.Diagnostics)
            {
                output.WriteLine("  " + diagnostic);
                Assert.NotNull(diagnostic.Location);
                Assert.True(diagnostic.Location!.Line >= 1 && diagnostic.Location.Column >= 1, diagnostic.ToString());
                Assert.DoesNotContain('\n', diagnostic.Message);
                Assert.DoesNotContain('\r', diagnostic.Message);
            }

            Assert.Contains(result.Diagnostics, d => d.IsError);
        }

        var passed = files.Count - failures.Count;
        output.WriteLine("warnings by code: " + string.Join(", ", warnings.Select(w => $"{w.Key}={w.Value}")));
        output.WriteLine($"{passed} of {files.Count} corpus files parsed without errors ({100.0 * passed / files.Count:F1}%)");
        Assert.True(passed * 100 >= files.Count * 95, $"only {passed} of {files.Count} parsed: {string.Join(", ", failures)}");
    }
}
