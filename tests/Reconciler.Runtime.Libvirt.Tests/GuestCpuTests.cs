using Reconciler.Core.Desired;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>Guest CPU time for idle detection, from the same one list call as observation.</summary>
public sealed class GuestCpuTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task A_running_domain_reports_growing_guest_CPU_time_and_a_stopped_one_none()
    {
        await _t.ConvergeAsync(_t.Desired());

        var first = Assert.Single(await _t.Runtime.ObserveGuestCpuAsync(_t.Repository, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var second = Assert.Single(await _t.Runtime.ObserveGuestCpuAsync(_t.Repository, CancellationToken.None));

        Assert.Equal(new WorkspaceKey(_t.Repository, "main"), first.Key);
        Assert.True(first.CpuTime > TimeSpan.Zero, $"cpu time {first.CpuTime}");
        Assert.True(second.CpuTime > first.CpuTime, $"{first.CpuTime} then {second.CpuTime}");
        Assert.True(second.At > first.At);

        await _t.ConvergeAsync(_t.Desired() with { Power = PowerState.Stopped });

        Assert.Null(Assert.Single(await _t.Runtime.ObserveGuestCpuAsync(_t.Repository, CancellationToken.None)).CpuTime);
    }
}

/// <summary>The idle-timeout probe for VMs: active when the guest used more CPU than the threshold since the last probe.</summary>
public sealed class GuestCpuActivityTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task The_first_probe_sets_a_baseline_and_the_next_compares_guest_CPU_with_the_threshold()
    {
        await _t.ConvergeAsync(_t.Desired());
        var running = await _t.ObserveAsync();
        var id = Assert.Single(running).Id;

        _t.Options.ActiveCpuCores = 0;
        Assert.Empty(await _t.Runtime.Activity.ProbeAsync(running, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var active = await _t.Runtime.Activity.ProbeAsync(running, CancellationToken.None);
        Assert.StartsWith("guest CPU ", active[id], StringComparison.Ordinal);

        _t.Options.ActiveCpuCores = 1_000;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(await _t.Runtime.Activity.ProbeAsync(running, CancellationToken.None));

        await _t.ConvergeAsync(_t.Desired() with { Power = PowerState.Stopped });
        _t.Options.ActiveCpuCores = 0;
        Assert.Empty(await _t.Runtime.Activity.ProbeAsync(running, CancellationToken.None));
    }
}
