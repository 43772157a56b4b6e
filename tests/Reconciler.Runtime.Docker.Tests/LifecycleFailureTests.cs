using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class LifecycleFailureTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_failing_postCreate_stops_later_commands_and_reports_exit_code_and_output()
    {
        var desired = _t.Desired() with
        {
            Commands = new LifecycleCommands(
                OnCreate: LifecycleCommand.FromShell("touch oncreate.ran"),
                PostCreate: LifecycleCommand.FromShell("echo preparing; echo broken dependency >&2; exit 3"),
                PostStart: LifecycleCommand.FromShell("touch poststart.ran")),
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("LifecycleCommandFailed", result.Reason);
        Assert.Equal("postCreateCommand exited with 3", result.Message);
        Assert.Equal(3, result.ExitCode);
        // stdout and stderr travel through separate pipes: their relative order is not guaranteed.
        Assert.Equal(["broken dependency", "preparing"], result.OutputTail!.Split('\n').Order(StringComparer.Ordinal));
        var observed = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Running, observed.State);
        Assert.Equal("oncreate.ran\n", RuntimeTestContext.Exec(_t.ContainerName(), "ls *.ran"));
    }

    [Fact]
    public async Task The_output_tail_keeps_the_last_20_lines()
    {
        var desired = _t.Desired() with
        {
            Commands = new LifecycleCommands(PostCreate: LifecycleCommand.FromShell("i=1; while [ $i -le 50 ]; do echo line $i; i=$((i+1)); done; exit 1")),
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Join('\n', Enumerable.Range(31, 20).Select(i => $"line {i}")), result.OutputTail);
    }
}
