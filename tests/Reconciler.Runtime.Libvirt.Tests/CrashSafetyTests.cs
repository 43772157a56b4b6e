using Reconciler.TestKit;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>
/// A process applying a VM plan is killed with SIGKILL exactly between two libvirt steps; the next pass (another
/// process' runtime, the real planner) converges with one domain of the workspace and the same overlay file.
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Killed_between_define_and_start_the_next_pass_starts_the_defined_domain()
    {
        using (var probe = ProbeProcess.Start(_t, present: true, memoryMiB: 64, pauseAt: "defined"))
        {
            await probe.WaitForLineAsync("paused at defined", Timeout);
            probe.Kill();
        }

        var left = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Stopped, left.State);
        var inode = ConvergeTests.Inode(_t.Overlay());

        var plan = await _t.ConvergeAsync(_t.Desired());

        Assert.Equal(PlanActionKind.Start, Assert.Single(plan.Actions).Kind);
        Assert.Equal(ObservedState.Running, (await _t.ObserveOneAsync()).State);
        Assert.Single(VirshTool.AllNames(), n => n == _t.DomainName());
        Assert.Equal(inode, ConvergeTests.Inode(_t.Overlay()));
    }

    [Fact]
    public async Task Killed_between_shutdown_and_undefine_of_a_recreate_the_next_pass_redefines_over_the_same_overlay()
    {
        await _t.ConvergeAsync(_t.Desired());
        var inode = ConvergeTests.Inode(_t.Overlay());
        using (var probe = ProbeProcess.Start(_t, present: true, memoryMiB: 96, pauseAt: "stopped"))
        {
            await probe.WaitForLineAsync("paused at stopped", Timeout);
            probe.Kill();
        }

        Assert.Equal(ObservedState.Stopped, (await _t.ObserveOneAsync()).State);
        var bigger = _t.Desired(memory: 96L << 20);

        var plan = await _t.ConvergeAsync(bigger);

        Assert.Equal(PlanActionKind.Recreate, Assert.Single(plan.Actions).Kind);
        var observed = await _t.ObserveOneAsync();
        Assert.Equal((ObservedState.Running, bigger.SpecHash), (observed.State, observed.SpecHash));
        Assert.Single(VirshTool.AllNames(), n => n == _t.DomainName());
        Assert.Equal(inode, ConvergeTests.Inode(_t.Overlay()));
    }

    [Fact]
    public async Task Killed_between_undefine_and_define_of_a_recreate_the_next_pass_creates_it_on_the_old_overlay()
    {
        await _t.ConvergeAsync(_t.Desired());
        var inode = ConvergeTests.Inode(_t.Overlay());
        using (var probe = ProbeProcess.Start(_t, present: true, memoryMiB: 96, pauseAt: "undefined"))
        {
            await probe.WaitForLineAsync("paused at undefined", Timeout);
            probe.Kill();
        }

        Assert.Empty(await _t.ObserveAsync());

        var plan = await _t.ConvergeAsync(_t.Desired(memory: 96L << 20));

        Assert.Equal(PlanActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.Equal(ObservedState.Running, (await _t.ObserveOneAsync()).State);
        Assert.Equal(inode, ConvergeTests.Inode(_t.Overlay()));
    }

    [Fact]
    public async Task Killed_between_shutdown_and_undefine_of_a_remove_the_next_pass_removes_it_and_keeps_the_overlay()
    {
        await _t.ConvergeAsync(_t.Desired());
        using (var probe = ProbeProcess.Start(_t, present: false, memoryMiB: 64, pauseAt: "stopped"))
        {
            await probe.WaitForLineAsync("paused at stopped", Timeout);
            probe.Kill();
        }

        Assert.Equal(ObservedState.Stopped, (await _t.ObserveOneAsync()).State);

        var plan = await _t.ConvergeAsync();

        Assert.Equal(PlanActionKind.Remove, Assert.Single(plan.Actions).Kind);
        Assert.Empty(await _t.ObserveAsync());
        Assert.DoesNotContain(_t.DomainName(), VirshTool.AllNames());
        Assert.True(File.Exists(_t.Overlay()));
    }
}
