using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Enforcement in the loop with the worker's <c>policies</c> folder: a pushed violation (runArgs --privileged) leaves the
/// running container exactly as it was and sets PolicyViolated; the commit that fixes it converges.
/// </summary>
public sealed class PolicyEnforcementTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly TempDirectory _policies = new("reconciler-policies");

    [Fact]
    public async Task A_pushed_violation_leaves_the_container_running_and_the_fix_converges()
    {
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "policies", "no-privileged.yaml"), Path.Combine(_policies.Path, "no-privileged.yaml"));
        var (work, identity) = _world.CreateRepository("policy");
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("one"));
        work.CommitAndPush("add web");
        await _world.StartAsync($"""
            version: 1
            policies: {_policies.Path}
            repositories:
              - url: {work.Url}
                pollInterval: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """);
        var within = TimeSpan.FromSeconds(30);
        var key = new WorkspaceKey(identity, "web");
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, within, "the compliant workspace runs");
        var running = (await _world.InspectAsync(identity, "web"))!;

        work.Write(Files.DevcontainerFile, $$"""
            {
              "image": "{{LocalImages.Busybox}}",
              "runArgs": ["--privileged"],
              "containerEnv": { "GREETING": "two" }
            }
            """);
        var violating = work.CommitAndPush("privileged");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.PolicyViolated) is { Status: true } c && c.ObservedCommit == violating,
            within,
            "PolicyViolated is set for the violating commit");

        var status = (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))!;
        var violated = status.Condition(WorkspaceConditionType.PolicyViolated)!;
        Assert.Equal("PolicyViolated", violated.Reason);
        Assert.Contains("no-privileged", violated.Message, StringComparison.Ordinal);
        var untouched = (await _world.InspectAsync(identity, "web"))!;
        Assert.Equal(running.ID, untouched.ID);
        Assert.True(untouched.State.Running);
        Assert.False(untouched.HostConfig.Privileged);
        Assert.Contains("GREETING=one", untouched.Config.Env);
        var blocked = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
        Assert.Contains(blocked, e => e is { Workspace: "web", Action: "plan", Result: "blocked" } && e.Commit == violating);

        work.Write(Files.DevcontainerFile, Files.Devcontainer("three"));
        work.CommitAndPush("drop privileged");
        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "web") is { State.Running: true } now && now.ID != running.ID && now.Config.Env.Contains("GREETING=three"),
            within,
            "the fix converges");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.PolicyViolated) is { Status: false },
            within,
            "PolicyViolated is cleared");
    }

    [Fact]
    public async Task A_warn_violation_converges_and_is_recorded_in_the_event_log()
    {
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "policies", "no-initialize-command.yaml"), Path.Combine(_policies.Path, "no-initialize-command.yaml"));
        var (work, identity) = _world.CreateRepository("policywarn");
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, $$"""
            {
              "image": "{{LocalImages.Busybox}}",
              "initializeCommand": "echo on the host",
              "containerEnv": { "GREETING": "warned" }
            }
            """);
        var commit = work.CommitAndPush("with initializeCommand");
        await _world.StartAsync($"""
            version: 1
            policies: {_policies.Path}
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """);

        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, TimeSpan.FromSeconds(30), "the workspace runs");
        var events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
        var warned = Assert.Single(events, e => e.Action == "policy");
        Assert.Equal(("web", "warn", commit), (warned.Workspace, warned.Result, warned.Commit));
        Assert.StartsWith("no-initialize-command: workspace web: initializeCommand is never run", warned.Message, StringComparison.Ordinal);
        Assert.Contains(".devcontainer/devcontainer.json:3:", warned.Message, StringComparison.Ordinal);
        var status = await _world.Store.GetWorkspaceStatusAsync(new WorkspaceKey(identity, "web"), CancellationToken.None);
        Assert.False(status!.Condition(WorkspaceConditionType.PolicyViolated)!.Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _policies.Dispose();
    }
}
