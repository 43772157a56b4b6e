using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests;

/// <summary>The <c>policies</c> folder is read at start-up: a malformed policy or a missing folder stops the worker with a located error.</summary>
public sealed class PolicyConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void A_malformed_policy_fails_start_up_at_its_line()
    {
        _folder.Write("policies/broken.yaml", """
            name: broken
            severity: error
            enforcement: enforce
            message: "bad"
            rule:
              schema: { type: 12 }
            """);
        var (settings, diagnostics) = Load("version: 1\npolicies: policies\n");

        Assert.Null(settings);
        var error = Assert.Single(diagnostics);
        Assert.Equal(Path.Combine("policies", "broken.yaml"), error.Location!.File);
        Assert.True(error.Location.Line > 1, error.ToString());
    }

    [Fact]
    public void A_missing_folder_is_reported_where_it_is_named()
    {
        var (settings, diagnostics) = Load("version: 1\npolicies: no-such-folder\n");

        Assert.Null(settings);
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, new SourceLocation("reconciler.yaml", 2, 11)), (error.Code, error.Location));
        Assert.Contains("no-such-folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_default_set_loads_and_no_section_means_no_policies()
    {
        var shipped = Path.Combine(TestPaths.RepositoryRoot, "policies");
        var (settings, diagnostics) = Load($"version: 1\npolicies: {shipped}\n");
        Assert.Empty(diagnostics);
        Assert.Equal(Directory.GetFiles(shipped, "*.yaml").Length, settings!.Policies.Count);

        var (none, _) = Load("version: 1\n");
        Assert.Empty(none!.Policies);
    }

    private (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(string yaml)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", yaml), "reconciler.yaml");

    public void Dispose() => _folder.Dispose();
}
