using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class StartTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Start_after_a_manual_stop_runs_postStart_again_and_not_postCreate()
    {
        var desired = _t.Desired() with
        {
            Commands = new LifecycleCommands(
                PostCreate: LifecycleCommand.FromShell("echo created >> created.txt"),
                PostStart: LifecycleCommand.FromShell("echo started >> started.txt")),
        };
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        Assert.Equal(0, LocalImages.Run("docker", $"stop -t 2 {_t.ContainerName()}").ExitCode);
        var stopped = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Stopped, stopped.State);

        var result = await _t.ApplyAsync(PlanActionKind.Start, desired, stopped);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Equal(ObservedState.Running, (await _t.ObserveOneAsync()).State);
        Assert.Equal("started\nstarted\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat started.txt"));
        Assert.Equal("created\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat created.txt"));
    }
}
