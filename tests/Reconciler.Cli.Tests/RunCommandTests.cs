using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// <c>reconciler run</c> validates the configuration and the secrets it names before anything starts: located
/// errors and exit code 2, nothing listening, no database written.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-run");

    [Fact]
    public async Task An_invalid_configuration_exits_2_with_located_errors_and_starts_nothing()
    {
        var config = _folder.Write("reconciler.yaml", """
            version: 1
            repositories:
              - url: https://github.com/acme/ml.git
                pollInterval: soon
            webhooks:
              secret: hunter2hunter2
            """);

        var run = await CliRunner.RunAsync("run", "--config", config);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("reconciler.yaml:4:19: error RC0103", run.Error, StringComparison.Ordinal);
        Assert.Contains("reconciler.yaml:6:3: error RC0101: webhooks.secret: secrets are never written inline", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Error + run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "reconciler.db")));
    }

    [Fact]
    public async Task Run_without_a_configuration_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync("run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'reconciler run' needs --config FILE", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
