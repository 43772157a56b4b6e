using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class LifecycleCommandFormTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Parallel_entries_run_concurrently()
    {
        // Each entry waits for the other to have started: only concurrent runs can both succeed.
        const string wait = "touch {0}.started; i=0; while [ ! -f {1}.started ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -f {1}.started ]";
        var parallel = new Dictionary<string, LifecycleCommand>
        {
            ["a"] = LifecycleCommand.FromShell(string.Format(System.Globalization.CultureInfo.InvariantCulture, wait, "a", "b")),
            ["b"] = LifecycleCommand.FromExec(["/bin/sh", "-c", string.Format(System.Globalization.CultureInfo.InvariantCulture, wait, "b", "a")]),
        };
        var desired = _t.Desired() with { Commands = new LifecycleCommands(PostCreate: new LifecycleCommand(LifecycleCommandForm.Parallel, Parallel: parallel)) };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        Assert.Equal("a.started\nb.started\n", RuntimeTestContext.Exec(_t.ContainerName(), "ls *.started"));
    }

    [Fact]
    public async Task A_failing_parallel_entry_fails_the_command()
    {
        var parallel = new Dictionary<string, LifecycleCommand>
        {
            ["ok"] = LifecycleCommand.FromShell("true"),
            ["bad"] = LifecycleCommand.FromShell("exit 4"),
        };
        var desired = _t.Desired() with { Commands = new LifecycleCommands(UpdateContent: new LifecycleCommand(LifecycleCommandForm.Parallel, Parallel: parallel)) };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal("LifecycleCommandFailed", result.Reason);
        Assert.Equal("updateContentCommand 'bad' exited with 4", result.Message);
        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task Exec_form_runs_without_a_shell_and_remoteEnv_reaches_commands()
    {
        var desired = _t.Desired() with
        {
            Container = _t.Desired().Container with
            {
                Env = new Dictionary<string, string> { ["CONTAINER_ONLY"] = "c" },
                RemoteEnv = new Dictionary<string, string?> { ["REMOTE"] = "r", ["UNSET"] = null },
            },
            Commands = new LifecycleCommands(
                OnCreate: LifecycleCommand.FromShell("echo \"$REMOTE/$CONTAINER_ONLY/${UNSET-none}/$(pwd)\" > env.txt"),
                PostCreate: LifecycleCommand.FromExec(["/bin/ls", "$REMOTE"])),
        };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal("LifecycleCommandFailed", result.Reason);
        Assert.Contains("$REMOTE", result.OutputTail, StringComparison.Ordinal);
        Assert.Equal($"r/c/none/{DesiredWorkspaces.WorkspaceFolder}\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat env.txt"));
    }
}
