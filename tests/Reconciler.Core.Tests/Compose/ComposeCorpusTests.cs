using Reconciler.Core.Compose;
using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Xunit.Abstractions;

namespace Reconciler.Core.Tests.Compose;

/// <summary>Every real compose file of the corpus is either accepted or rejected with located errors; none crashes the reader.</summary>
public sealed class ComposeCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] ComposeCodes =
        [DiagnosticCodes.ComposeFileInvalid, DiagnosticCodes.ComposeKeyUnsupported, DiagnosticCodes.ComposeServiceUnknown, DiagnosticCodes.ComposeDependencyCycle];

    [Fact]
    public void Every_corpus_compose_file_is_accepted_or_rejected_at_a_location()
    {
        var files = Directory.GetFiles(TestPaths.Fixture("devcontainer-corpus"))
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 30, $"expected the corpus's compose files, found {files.Count}");
        var accepted = 0;
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            var result = ComposeFileReader.Read(File.ReadAllText(path), name);
            if (result.Succeeded)
            {
                accepted++;
                var bag = new DiagnosticBag();
                var project = ComposeProjectBuilder.Build([new ComposeInput(result.Value!, ".devcontainer")], bag);
                output.WriteLine($"valid {name}: {(project is null ? "project errors" : string.Join(", ", project.Services.Select(s => s.Name)))}");
                Assert.Equal(project is null, bag.HasErrors);
                foreach (var error in bag.Items)
                {
                    output.WriteLine($"  {error.Location}: {error.Code}: {error.Message}");
                    Assert.Equal(name, error.Location!.File);
                    Assert.True(error.Location.Line >= 1, error.ToString());
                }

                continue;
            }

            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            Assert.NotEmpty(errors);
            foreach (var error in errors)
            {
                output.WriteLine($"{error.Location}: {error.Code}: {error.Message}");
                // YAML the reader refuses (RC00xx: syntax, anchors, tags such as !reset) is as located as a compose error.
                Assert.True(ComposeCodes.Contains(error.Code) || error.Code.StartsWith("RC00", StringComparison.Ordinal), error.ToString());
                Assert.NotNull(error.Location);
                Assert.Equal(name, error.Location!.File);
                Assert.True(error.Location.Line >= 1 && error.Location.Column >= 1, $"{name}: {error}");
            }
        }

        output.WriteLine($"{accepted} of {files.Count} accepted");
    }
}
