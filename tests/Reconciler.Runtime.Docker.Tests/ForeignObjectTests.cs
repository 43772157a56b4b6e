using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>Containers made without our labels (plain <c>docker run</c>) are never listed and never touched.</summary>
public sealed class ForeignObjectTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private string? _foreignId;

    public async Task InitializeAsync()
    {
        await _t.InitializeAsync();
        var run = LocalImages.Run("docker", $"run -d --name {_t.ContainerName()} {LocalImages.Busybox} sleep 300");
        Assert.True(run.ExitCode == 0, run.Output);
        _foreignId = run.Output.Trim();
    }

    public async Task DisposeAsync()
    {
        LocalImages.Run("docker", $"rm -f {_foreignId}");
        await _t.DisposeAsync();
    }

    [Fact]
    public async Task A_plain_container_is_never_observed()
    {
        var all = await _t.Runtime.ObserveAsync(null, CancellationToken.None);

        Assert.DoesNotContain(all, o => o.Id == _foreignId || o.Name == _t.ContainerName());
    }

    [Fact]
    public async Task A_plain_container_is_never_removed_even_when_named_like_ours()
    {
        var forged = new WorkspaceObservation(_foreignId!, _t.ContainerName(), new WorkspaceKey(_t.Repository, "main"), "x", ObservedState.Running, null, DateTimeOffset.UnixEpoch);

        var remove = await _t.ApplyAsync(PlanActionKind.Remove, null, forged, pruneVolumes: true);
        var stop = await _t.ApplyAsync(PlanActionKind.Stop, null, forged);
        var create = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());

        Assert.Equal("NotOwned", remove.Reason);
        Assert.Equal("NotOwned", stop.Reason);
        Assert.Equal("NameConflict", create.Reason);
        Assert.Equal("true\n", LocalImages.Run("docker", $"inspect -f {{{{.State.Running}}}} {_foreignId}").Output);
    }
}
