using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Images;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// Dockerfile builds loaded from the files (workspace.yaml + devcontainer.json) and applied on the real engine: the
/// context hash names the image, so commits that leave the context alone build nothing; build output is streamed.
/// </summary>
public sealed class BuildCacheTests(Xunit.Abstractions.ITestOutputHelper log) : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private readonly List<string> _images = [];

    public Task InitializeAsync() => _t.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _t.DisposeAsync();
        foreach (var image in _images.Distinct())
        {
            LocalImages.Run("docker", $"rmi -f {image}");
        }
    }

    [Fact]
    public async Task The_same_context_hash_is_built_once_across_commits_and_a_context_change_builds_again()
    {
        WriteRepository(new Dictionary<string, string> { ["GREETING"] = "hello" });
        _t.Checkout.Write("app/main.txt", "v1\n");
        _t.Checkout.Write("README.md", "first\n");
        var first = Load();
        var output = new CollectingOutput();

        var cold = System.Diagnostics.Stopwatch.StartNew();
        var created = await ApplyAsync(PlanActionKind.Create, first, output);
        log.WriteLine($"create with a cold build: {cold.ElapsedMilliseconds} ms");

        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message + "\n" + created.OutputTail);
        Assert.Contains("Step 1/", output.All, StringComparison.Ordinal);
        Assert.All(output.Chunks, c => Assert.Equal(("main", "build"), (c.Key.Workspace, c.Step)));
        var label = LocalImages.Run("docker", $"image inspect -f \"{{{{index .Config.Labels \\\"{DockerfileImageBuilder.ContextHashLabel}\\\"}}}}\" {first.Image}").Output.Trim();
        Assert.Equal(first.Build!.ContextHash, label);

        // A commit that changes only a file outside the context: same image, same spec, a no-op pass with zero mutating calls.
        _t.Checkout.Write("README.md", "second\n");
        var second = Load();
        Assert.Equal(first.Image, second.Image);
        Assert.Equal(first.SpecHash, second.SpecHash);
        var before = _t.Runtime.MutatingCalls;
        var plan = Planner.Plan([second], await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.All(plan.Actions, a => Assert.Equal(PlanActionKind.NoOp, a.Kind));
        foreach (var action in plan.Actions)
        {
            await _t.Runtime.ApplyAsync(action, new ApplyContext(_t.Content, false, output), CancellationToken.None);
        }

        Assert.Equal(before, _t.Runtime.MutatingCalls);

        // Even a recreate (here of an existing container) finds the image by its hash and does not build.
        var quiet = new CollectingOutput();
        var warm = System.Diagnostics.Stopwatch.StartNew();
        var recreated = await ApplyAsync(PlanActionKind.Recreate, second, quiet, await _t.ObserveOneAsync());
        log.WriteLine($"recreate finding the image by its context hash: {warm.ElapsedMilliseconds} ms");
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        Assert.Empty(quiet.Chunks);

        // A context file changes: a new hash, a new image, a build.
        _t.Checkout.Write("app/main.txt", "v2\n");
        var third = Load();
        Assert.NotEqual(first.Image, third.Image);
        _images.Add(third.Image);
        var rebuilt = new CollectingOutput();
        var changed = await ApplyAsync(PlanActionKind.Recreate, third, rebuilt, await _t.ObserveOneAsync());
        Assert.True(changed.Outcome == ApplyOutcome.Succeeded, changed.Message + "\n" + changed.OutputTail);
        Assert.NotEmpty(rebuilt.Chunks);
        Assert.Equal("v2\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /ctx/main.txt"));
    }

    [Fact]
    public async Task Target_and_args_are_honoured_and_change_the_image()
    {
        WriteRepository(new Dictionary<string, string> { ["GREETING"] = "hello" }, target: "tools");
        _t.Checkout.Write("app/main.txt", "v1\n");
        var tools = Load();

        var result = await ApplyAsync(PlanActionKind.Create, tools, new CollectingOutput());

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        Assert.Equal("tools hello\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /stage"));
        Assert.Equal("1", RuntimeTestContext.Exec(_t.ContainerName(), "test -e /final && echo 0 || echo 1").Trim());

        WriteRepository(new Dictionary<string, string> { ["GREETING"] = "bonjour" }, target: "tools");
        var otherArgs = Load();
        WriteRepository(new Dictionary<string, string> { ["GREETING"] = "hello" }, target: null);
        var final = Load();
        Assert.Equal(3, new[] { tools.Image, otherArgs.Image, final.Image }.Distinct().Count());

        var recreated = await ApplyAsync(PlanActionKind.Recreate, final, new CollectingOutput(), await _t.ObserveOneAsync());
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message + "\n" + recreated.OutputTail);
        Assert.Equal("final hello\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /stage"));
    }

    [Fact]
    public async Task A_failed_build_streams_its_output_and_reports_the_last_lines()
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        _t.Checkout.Write(".devcontainer/devcontainer.json", """{ "build": { "dockerfile": "Dockerfile" } }""");
        _t.Checkout.Write(".devcontainer/Dockerfile", $"FROM {LocalImages.Busybox}\nRUN for i in 1 2 3 4 5; do echo line-$i; done && echo about-to-fail && exit 3\n");
        var desired = Load();
        var output = new CollectingOutput();

        var result = await ApplyAsync(PlanActionKind.Create, desired, output);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("BuildFailed", result.Reason);
        Assert.Contains("about-to-fail", result.OutputTail, StringComparison.Ordinal);
        Assert.Contains("non-zero code: 3", result.OutputTail, StringComparison.Ordinal);
        Assert.Contains("line-5", output.All, StringComparison.Ordinal);
        Assert.Contains("non-zero code: 3", output.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlink_leaving_the_repository_travels_as_a_link_and_never_brings_the_host_file()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"rc-host-secret-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(secret, "host-secret\n");
        try
        {
            WriteRepository(new Dictionary<string, string>());
            _t.Checkout.Write("app/main.txt", "v1\n");
            File.CreateSymbolicLink(Path.Combine(_t.Checkout.Path, "app", "leak"), secret);
            var desired = Load();

            var result = await ApplyAsync(PlanActionKind.Create, desired, new CollectingOutput());

            Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
            Assert.Equal(secret + "\n", RuntimeTestContext.Exec(_t.ContainerName(), "readlink /ctx/leak"));
            Assert.Equal("absent\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /ctx/leak 2>/dev/null || echo absent"));
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_oversize_context_is_rejected_at_the_context_value_before_anything_is_built()
    {
        WriteRepository(new Dictionary<string, string>());
        _t.Checkout.Write("app/data.bin", new string('x', 300_000));
        _t.Checkout.Write("app/small.txt", "x\n");

        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions { MaxBuildContextBytes = 100_000 });

        Assert.True(loaded.HasErrors);
        var error = Assert.Single(loaded.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticCodes.BuildContextTooLarge, error.Code);
        Assert.Equal(".devcontainer/devcontainer.json", error.Location!.File);
        Assert.Equal(4, error.Location.Line);
        Assert.Contains("data.bin (300,000 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 100,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_runtime_refuses_an_oversize_context_too()
    {
        var small = new RuntimeTestContext(o => o.MaxBuildContextBytes = 10);
        await small.InitializeAsync();
        small.Checkout.Write("Dockerfile", $"FROM {LocalImages.Busybox}\n");
        small.Checkout.Write("big.txt", "more than ten bytes\n");
        var desired = small.Desired() with { Image = $"reconciler-test/oversize-{Guid.NewGuid():N}:1", Build = new ResolvedBuild(".", "Dockerfile", new Dictionary<string, string>(), null, []) };
        try
        {
            var result = await small.ApplyAsync(PlanActionKind.Create, desired);

            Assert.Equal(ApplyOutcome.Failed, result.Outcome);
            Assert.Equal("BuildContextTooLarge", result.Reason);
            Assert.Contains("the limit is 10", result.Message, StringComparison.Ordinal);
        }
        finally
        {
            await small.DisposeAsync();
        }
    }

    private void WriteRepository(IReadOnlyDictionary<string, string> args, string? target = null)
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        var argsJson = string.Join(", ", args.Select(a => $"\"{a.Key}\": \"{a.Value}\""));
        _t.Checkout.Write(".devcontainer/devcontainer.json",
            "{\n  \"build\": {\n    \"dockerfile\": \"Dockerfile\",\n    \"context\": \"../app\",\n"
            + (target is null ? "" : $"    \"target\": \"{target}\",\n")
            + $"    \"args\": {{ {argsJson} }}\n  }}\n}}\n");
        _t.Checkout.Write(".devcontainer/Dockerfile", $"""
            FROM {LocalImages.Busybox} AS tools
            ARG GREETING
            COPY . /ctx/
            RUN echo "tools $GREETING" > /stage

            FROM tools AS final
            ARG GREETING
            RUN echo "final $GREETING" > /stage && touch /final

            """);
    }

    private DesiredWorkspace Load()
    {
        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var desired = Assert.Single(loaded.Workspaces);
        _images.Add(desired.Image);
        return desired;
    }

    private Task<ApplyResult> ApplyAsync(PlanActionKind kind, DesiredWorkspace desired, IApplyOutput output, WorkspaceObservation? observed = null)
        => _t.Runtime.ApplyAsync(new PlanAction(kind, desired.Key, desired, observed, []), new ApplyContext(_t.Content, false, output), CancellationToken.None);
}
