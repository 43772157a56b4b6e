using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Cli.Tests;

/// <summary>
/// Hostile and broken input: every case ends with exit code 2, one located line per problem
/// (<c>file:line:col: error RCxxxx: …</c>), no stack trace and zero mutating Docker events.
/// </summary>
public sealed partial class BadInputTests : IAsyncLifetime
{
    private const string GoodDevcontainer = """{ "image": "reconciler-test/busybox:1" }""";
    private const string GoodWorkspace = "version: 1\nworkspaces:\n  - name: web\n";
    private readonly CliWorld _w = new();

    public static TheoryData<string> Cases => new(Inputs.Keys);

    private static readonly Dictionary<string, Action<TestRepository>> Inputs = new()
    {
        ["malformed-yaml"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n    ports: [ {port: 1\n"),
        ["malformed-jsonc"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace).Write(".devcontainer/devcontainer.json", "{ \"image\": \"x\" \"name\": 1 }"),
        ["unknown-key"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n    resorces: { cpu: 1 }\n"),
        ["wrong-type"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n    resources: { cpu: lots }\n"),
        ["devcontainer-wrong-type"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace).Write(".devcontainer/devcontainer.json", "{ \"image\": 5 }"),
        ["duplicate-yaml-key"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nversion: 1\nworkspaces:\n  - name: web\n"),
        ["duplicate-json-key"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace).Write(".devcontainer/devcontainer.json", "{ \"image\": \"a\", \"image\": \"b\" }"),
        ["yaml-anchor-alias"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nbase: &b { cpu: 1 }\nworkspaces:\n  - name: web\n    resources: *b\n"),
        ["yaml-tag"] = r => r.Write(".daytona/workspace.yaml", "version: !!int 1\nworkspaces:\n  - name: web\n"),
        ["two-megabytes"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace + new string('#', 2 * 1024 * 1024)),
        ["nesting-10000-yaml"] = r => r.Write(".daytona/workspace.yaml", "version: 1\nworkspaces: " + new string('[', 10_000) + new string(']', 10_000) + "\n"),
        ["nesting-10000-json"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace).Write(".devcontainer/devcontainer.json", new string('[', 10_000) + new string(']', 10_000)),
        ["symlink-leaves-repo"] = r => Symlink(r, ".daytona/workspace.yaml", "/etc/passwd"),
        ["build-context-outside"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace)
            .Write(".devcontainer/devcontainer.json", """{ "build": { "dockerfile": "Dockerfile", "context": "../.." } }""")
            .Write(".devcontainer/Dockerfile", "FROM reconciler-test/busybox:1\n"),
        ["dockerfile-outside"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace)
            .Write(".devcontainer/devcontainer.json", """{ "build": { "dockerfile": "../../../etc/Dockerfile" } }"""),
        ["unknown-run-arg"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace)
            .Write(".devcontainer/devcontainer.json", """{ "image": "reconciler-test/busybox:1", "runArgs": ["--volumes-from=other"] }"""),
        ["missing-devcontainer"] = r => r.Write(".daytona/workspace.yaml", GoodWorkspace),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_exits_2_with_located_errors_and_changes_nothing(string name)
    {
        Inputs[name](_w.Repo);
        _w.Repo.Commit(name);
        await using var recorder = await _w.RecordAsync();

        var run = await _w.RunAsync("apply", _w.Repo.Path);

        await recorder.StopAsync();
        Assert.True(run.ExitCode == 2, run.ToString());
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, line => Assert.Matches(Located(), line));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.Empty(recorder.MutatingEvents);
        Assert.Empty(await _w.VolumeNamesAsync());
    }

    [Fact]
    public async Task Validate_reports_the_same_errors_without_docker()
    {
        Inputs["unknown-key"](_w.Repo);

        var run = await _w.RunAsync("validate", _w.Repo.Path, "--docker-host", "unix:///nonexistent.sock");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("workspace.yaml:4:5: error RC0101: unknown key 'resorces'", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'resources'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        Assert.Equal(2, (await _w.RunAsync("apply")).ExitCode);
        Assert.Equal(2, (await _w.RunAsync("frobnicate")).ExitCode);
        Assert.Equal(2, (await _w.RunAsync("apply", "/nonexistent/repo")).ExitCode);
        Assert.Equal(2, (await _w.RunAsync("plan", ".", "--log-format", "xml")).ExitCode);
    }

    private static TestRepository Symlink(TestRepository repository, string path, string target)
    {
        var full = Path.Combine(repository.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
        return repository;
    }

    [GeneratedRegex(@"^[^\s:][^:]*:\d+:\d+: error RC\d{4}: \S")]
    private static partial Regex Located();

    public Task InitializeAsync() => _w.InitializeAsync();

    public Task DisposeAsync() => _w.DisposeAsync();
}
