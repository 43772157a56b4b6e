using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Features through the whole worker: a workspace whose devcontainer.json names a Feature converges, and one whose
/// Feature cannot be fetched is Failed with a located message while the other runs.
/// </summary>
public sealed class FeatureWorkspaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task A_workspace_with_a_Feature_converges_and_a_bad_Feature_fails_only_its_workspace()
    {
        var port = LocalRegistry.FreePort();
        var (work, identity) = _world.CreateRepository("features");
        work.Write(Files.WorkspaceFile, """
                version: 1
                workspaces:
                  - name: good
                    devcontainer: .devcontainer/good/devcontainer.json
                  - name: bad
                    devcontainer: .devcontainer/bad/devcontainer.json
                """)
            .Write(".devcontainer/features/hello/devcontainer-feature.json", """
                { "id": "hello", "version": "1.0.0", "options": { "who": { "type": "string", "default": "world" } }, "containerEnv": { "HELLO_FEATURE": "installed" } }
                """)
            .Write(".devcontainer/features/hello/install.sh", "#!/bin/sh\necho \"hello $WHO\" > /hello.txt\n")
            .Write(".devcontainer/good/devcontainer.json", $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "../features/hello": { "who": "worker" } } }""")
            .Write(".devcontainer/bad/devcontainer.json", $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "localhost:{{port}}/nobody/home:1": {} } }""");
        work.CommitAndPush("two workspaces with Features");

        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            """);

        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "good"))?.State.Running == true, Within, "the workspace with a Feature runs");
        var good = _world.ContainerName(identity, "good");
        Assert.Equal("hello worker\n", LocalImages.Run("docker", $"exec {good} cat /hello.txt").Output);
        Assert.Contains("HELLO_FEATURE=installed", LocalImages.Run("docker", $"exec {good} env").Output, StringComparison.Ordinal);

        var bad = new WorkspaceKey(identity, "bad");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(bad, CancellationToken.None))?.Condition(WorkspaceConditionType.Failed) is { Status: true, Reason: "FeatureResolutionFailed" },
            Within,
            "the workspace with an unreachable Feature is Failed");
        var failed = (await _world.Store.GetWorkspaceStatusAsync(bad, CancellationToken.None))!.Condition(WorkspaceConditionType.Failed)!;
        Assert.Contains($".devcontainer/bad/devcontainer.json:1:", failed.Message, StringComparison.Ordinal);
        Assert.Contains($"error RC0122: Feature 'localhost:{port}/nobody/home:1': registry localhost:{port} cannot be reached", failed.Message, StringComparison.Ordinal);
        Assert.Null(await _world.InspectAsync(identity, "bad"));
    }

    public Task InitializeAsync() => LocalImages.EnsureBusyboxAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();
}
