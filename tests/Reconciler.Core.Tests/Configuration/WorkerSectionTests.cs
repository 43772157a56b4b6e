using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Configuration;

/// <summary>The worker sections of reconciler.yaml: defaults, binding, and errors a schema cannot express.</summary>
public sealed class WorkerSectionTests
{
    [Fact]
    public void The_demo_configuration_binds()
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "examples", "reconciler.yaml");
        var result = ReconcilerConfigParser.Parse(File.ReadAllText(path), "reconciler.yaml");

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var config = result.Value!;
        var repository = Assert.Single(config.Repositories);
        Assert.Equal(["main"], repository.Branches);
        Assert.Equal(TimeSpan.FromSeconds(30), repository.PollInterval);
        Assert.Equal(new SecretReference(SecretSource.EnvironmentVariable, "RECONCILER_WEBHOOK_SECRET"), config.Webhooks!.Secret with { Location = null });
        Assert.Equal(TimeSpan.FromSeconds(30), config.Worker.ShutdownTimeout);
    }

    [Fact]
    public void Defaults_apply_when_sections_are_absent()
    {
        var config = ReconcilerConfigParser.Parse("version: 1\nrepositories:\n  - url: https://github.com/acme/ml.git\n", Yaml.File).Value!;

        var repository = Assert.Single(config.Repositories);
        Assert.Equal(["main"], repository.Branches);
        Assert.Equal((".daytona/workspace.yaml", TimeSpan.FromMinutes(3), (SecretReference?)null), (repository.Path, repository.PollInterval, repository.Credentials));
        Assert.Equal("http://127.0.0.1:8080", config.Server.Listen);
        Assert.Null(config.Webhooks);
        Assert.Null(config.SqlitePath);
        Assert.Equal((4, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30)), (config.Worker.Concurrency, config.Worker.ResyncInterval, config.Worker.ShutdownTimeout));
    }

    [Fact]
    public void An_inline_webhook_secret_is_refused_at_its_line()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "webhooks:", "  secret: abc"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.UnknownKey);
        Yaml.AssertAt(error, 3, 3);
        Assert.Contains("secretEnv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repository_listed_twice_and_two_branches_are_errors()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "repositories:",
            "  - url: https://github.com/acme/ml.git",
            "  - url: git@github.com:acme/ml.git"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.ConfigInvalid);
        Yaml.AssertAt(error, 4, 10);
        Assert.Contains("already listed as repositories[0]", error.Message, StringComparison.Ordinal);

        var branches = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "repositories:",
            "  - { url: https://github.com/acme/ml.git, branches: [main, dev] }"), Yaml.File);
        Assert.Contains("one branch per repository", Yaml.Single(branches.Diagnostics, DiagnosticCodes.ConfigInvalid).Message, StringComparison.Ordinal);
    }
}
