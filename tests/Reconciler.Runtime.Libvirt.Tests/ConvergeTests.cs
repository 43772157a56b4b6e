using Reconciler.TestKit;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>The whole life of one VM workspace on real libvirt/KVM, driven by the real planner.</summary>
public sealed class ConvergeTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Create_runs_a_KVM_domain_and_a_second_pass_makes_no_libvirt_write()
    {
        var desired = _t.Desired();
        var first = await _t.ConvergeAsync(desired);
        Assert.Equal(PlanActionKind.Create, Assert.Single(first.Actions).Kind);

        var observed = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Running, observed.State);
        Assert.Equal(desired.SpecHash, observed.SpecHash);
        Assert.Equal(_t.DomainName(), observed.Name);
        Assert.Contains("running", VirshTool.Run("domstate", _t.DomainName()), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_t.Images.Path, LibvirtTestContext.BaseImage), LibvirtTestContext.BackingFile(_t.Overlay()));

        var writes = _t.Runtime.MutatingCalls;
        var second = await _t.ConvergeAsync(desired);
        Assert.Equal(PlanActionKind.NoOp, Assert.Single(second.Actions).Kind);
        Assert.Equal(writes, _t.Runtime.MutatingCalls);
        Assert.Single(VirshTool.AllNames(), n => n == _t.DomainName());
    }

    [Fact]
    public async Task Stop_start_and_a_memory_change_redefine_the_domain_over_the_same_overlay()
    {
        var desired = _t.Desired();
        await _t.ConvergeAsync(desired);
        var overlayInode = Inode(_t.Overlay());

        var stop = await _t.ConvergeAsync(desired with { Power = Core.Desired.PowerState.Stopped });
        Assert.Equal(PlanActionKind.Stop, Assert.Single(stop.Actions).Kind);
        Assert.Equal(ObservedState.Stopped, (await _t.ObserveOneAsync()).State);

        var start = await _t.ConvergeAsync(desired);
        Assert.Equal(PlanActionKind.Start, Assert.Single(start.Actions).Kind);
        Assert.Equal(ObservedState.Running, (await _t.ObserveOneAsync()).State);

        var bigger = _t.Desired(memory: 96L << 20);
        var recreate = await _t.ConvergeAsync(bigger);
        var action = Assert.Single(recreate.Actions);
        Assert.Equal(PlanActionKind.Recreate, action.Kind);
        Assert.Contains(action.Reasons, r => r.Contains("resources.memory", StringComparison.Ordinal));
        var observed = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Running, observed.State);
        Assert.Equal(bigger.SpecHash, observed.SpecHash);
        Assert.Contains("<memory unit='KiB'>98304</memory>", VirshTool.Run("dumpxml", _t.DomainName()), StringComparison.Ordinal);
        Assert.Equal(overlayInode, Inode(_t.Overlay()));
        Assert.Single(VirshTool.AllNames(), n => n == _t.DomainName());
    }

    [Fact]
    public async Task Remove_keeps_the_overlay_by_default_and_deletes_it_only_when_asked()
    {
        var desired = _t.Desired();
        await _t.ConvergeAsync(desired);
        var overlayInode = Inode(_t.Overlay());

        var kept = await _t.ApplyAsync(PlanActionKind.Remove, null, await _t.ObserveOneAsync());
        Assert.True(kept.Outcome == ApplyOutcome.Succeeded, kept.Message);
        Assert.Empty(await _t.ObserveAsync());
        Assert.DoesNotContain(_t.DomainName(), VirshTool.AllNames());
        Assert.True(File.Exists(_t.Overlay()));

        // Created again, the workspace gets its old disk back.
        await _t.ConvergeAsync(desired);
        Assert.Equal(overlayInode, Inode(_t.Overlay()));

        var pruned = await _t.ApplyAsync(PlanActionKind.Remove, null, await _t.ObserveOneAsync(), prune: true);
        Assert.True(pruned.Outcome == ApplyOutcome.Succeeded, pruned.Message);
        Assert.DoesNotContain(_t.DomainName(), VirshTool.AllNames());
        Assert.False(File.Exists(_t.Overlay()));
        Assert.Empty(Directory.GetFiles(_t.Storage.Path));
    }

    internal static string Inode(string path) => VirshTool.RunTool("stat", ["-c", "%i", path]).Output.Trim();
}
