using System.Text.Json.Nodes;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary><c>validate --policies --format</c>: exit codes, exact compiler-style and GitHub lines, JSON. Never talks to Docker.</summary>
public sealed class ValidatePolicyTests : IDisposable
{
    private const string Workspace = "version: 1\nworkspaces:\n  - name: web\n";
    private readonly TestRepository _repo = new();

    private static string Policies => Path.Combine(TestPaths.RepositoryRoot, "policies");

    /// <summary>How the CLI shows paths in the repository: relative to the current directory.</summary>
    private string Shown(string path) => Path.Combine(Path.GetRelativePath(Environment.CurrentDirectory, _repo.Path), path);

    [Fact]
    public async Task Compliant_repository_exits_0()
    {
        _repo.Write(".daytona/workspace.yaml", Workspace).Write(".devcontainer/devcontainer.json", """{ "image": "ghcr.io/acme/dev:1", "remoteUser": "dev" }""");

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("1 workspace(s) valid, 0 warning(s), 0 policy violation(s) (0 enforced).\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enforced_violation_exits_1_with_a_compiler_style_line()
    {
        WritePrivileged();

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(
            $"{Shown(".devcontainer/devcontainer.json")}:3:17: error POL-no-privileged: workspace web: privileged containers are not allowed (/privileged)\n",
            run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_only_exit_0_and_are_printed()
    {
        _repo.Write(".daytona/workspace.yaml", Workspace).Write(".devcontainer/devcontainer.json", """{ "image": "ghcr.io/a/b:1", "remoteUser": "dev", "initializeCommand": "x" }""");

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning POL-no-initialize-command: workspace web: initializeCommand is never run", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GitHub_format_prints_exact_workflow_commands()
    {
        WritePrivileged();

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies, "--format", "github");

        var file = Shown(".devcontainer/devcontainer.json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"::warning file={file},line=4,col=3,title=RC0203::initializeCommand is never executed: it would run on the Reconciler host",
                $"::error file={file},line=3,col=17,title=POL-no-privileged::workspace web: privileged containers are not allowed (/privileged)",
                $"::warning file={file},line=4,col=24,title=POL-no-initialize-command::workspace web: initializeCommand is never run by Reconciler (it would run on the host)",
            ],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Json_format_lists_findings_and_blocked_workspaces()
    {
        WritePrivileged();

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies, "--format", "json");

        var report = JsonNode.Parse(run.Output)!;
        Assert.Equal(["web"], report["blocked"]!.AsArray().Select(n => (string)n!));
        var privileged = report["findings"]!.AsArray().Single(f => (string)f!["rule"]! == "POL-no-privileged")!;
        Assert.Equal(("error", 3, 17, "/privileged", true), ((string)privileged["level"]!, (int)privileged["line"]!, (int)privileged["column"]!, (string)privileged["pointer"]!, (bool)privileged["blocks"]!));
    }

    [Fact]
    public async Task Malformed_policy_exits_2_with_a_located_error()
    {
        WritePrivileged();
        using var folder = new TempDirectory("policies");
        folder.Write("typo.yaml", "name: typo\nmessage: m\nrule:\n  schema:\n    propertes: {}\n");

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", folder.Path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("typo.yaml:5:5: error RC0501: unknown JSON Schema keyword \"propertes\"; did you mean 'properties'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_policy_folder_exits_2()
    {
        WritePrivileged();

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Path.Combine(_repo.Path, "nope"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: policy folder not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_workspace_file_exits_2_even_with_policies()
    {
        _repo.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n    resorces: {}\n");

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Policies, "--format", "github");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("::error file=", run.Output, StringComparison.Ordinal);
    }

    private void WritePrivileged() => _repo.Write(".daytona/workspace.yaml", Workspace).Write(".devcontainer/devcontainer.json", """
        {
          "image": "ghcr.io/acme/dev:1", "remoteUser": "dev",
          "privileged": true,
          "initializeCommand": "x"
        }
        """);

    public void Dispose() => _repo.Dispose();
}
