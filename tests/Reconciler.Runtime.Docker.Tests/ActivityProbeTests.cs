using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// What the Docker adapter counts as activity on a real container (docs/lifecycle.md): idle when only the keep-alive
/// loop runs, active with CPU load and no exec open, active with an open exec session; plus the lifecycle's two
/// changes to apply: a workspace created while it should be stopped is left stopped, and an expiry removal deletes
/// its volumes without the repository's prune setting.
/// </summary>
public sealed class ActivityProbeTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Idle_cpu_load_and_an_open_exec_session_are_told_apart()
    {
        Assert.Equal(ApplyOutcome.Succeeded, (await _t.ApplyAsync(PlanActionKind.Create, _t.Desired())).Outcome);
        var running = await _t.ObserveOneAsync();

        Assert.Empty(await _t.Runtime.Activity.ProbeAsync([running], CancellationToken.None));

        Assert.Equal(0, LocalImages.Run("docker", $"exec -d {_t.ContainerName()} sleep 3").ExitCode);
        var session = await _t.Runtime.Activity.ProbeAsync([running], CancellationToken.None);
        Assert.Equal("1 exec session(s) open", Assert.Single(session).Value);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(await _t.Runtime.Activity.ProbeAsync([running], CancellationToken.None));

        // A busy loop whose exec has ended: CPU alone.
        Assert.Equal(0, LocalImages.Run("docker", $"exec {_t.ContainerName()} sh -c \"setsid sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &\"").ExitCode);
        var busy = await _t.Runtime.Activity.ProbeAsync([running], CancellationToken.None);
        Assert.StartsWith("CPU ", Assert.Single(busy).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_created_while_it_should_be_stopped_is_left_stopped_and_an_expiry_deletes_its_volumes()
    {
        var desired = _t.Desired() with { Power = PowerState.Stopped };

        Assert.Equal(ApplyOutcome.Succeeded, (await _t.ApplyAsync(PlanActionKind.Create, desired)).Outcome);
        var observed = await _t.ObserveOneAsync();
        Assert.Equal(ObservedState.Stopped, observed.State);
        Assert.NotEmpty(await _t.VolumesAsync());

        var expire = new PlanAction(PlanActionKind.Remove, desired.Key, desired, observed, ["lifecycle: ttl expired"]) { DeleteVolumes = true };
        var result = await _t.Runtime.ApplyAsync(expire, new ApplyContext(_t.Content, PruneVolumes: false), CancellationToken.None);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.Empty(await _t.VolumesAsync());
    }
}
