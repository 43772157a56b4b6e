using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>A snapshot that cannot be pushed fails the step with a reason and never loses the container.</summary>
public sealed class SnapshotRegistryDownTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private readonly RuntimeTestContext _t = registry.Context();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Removal_with_the_registry_down_fails_with_a_reason_and_keeps_the_container()
    {
        var desired = RegistryFixture.SnapshotWorkspace(_t);
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var running = await _t.ObserveOneAsync();
        RuntimeTestContext.Exec(running.Name, "echo precious > /root/work.txt");
        registry.Registry.Stop();

        var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, running);

        Assert.Equal(ApplyOutcome.Failed, removed.Outcome);
        Assert.Equal("SnapshotFailed", removed.Reason);
        Assert.Contains(registry.Registry.Host, removed.Message, StringComparison.Ordinal);
        Assert.Contains("the container is kept", removed.Message, StringComparison.Ordinal);
        var kept = await _t.ObserveOneAsync();
        Assert.Equal(running.Id, kept.Id);
        Assert.Equal("precious", RuntimeTestContext.Exec(kept.Name, "cat /root/work.txt").Trim());

        // Nothing of the failed attempt is left on the engine to pile up across retries.
        var (_, images) = LocalImages.Run("docker", $"images --format {{{{.Repository}}}} {registry.Registry.Host}/{registry.SnapshotPath(_t)}");
        Assert.Equal("", images.Trim());

        // A new container cannot start from the base either: that would silently drop the workspace's state.
        var second = RegistryFixture.SnapshotWorkspace(_t, "other");
        var refused = await _t.ApplyAsync(PlanActionKind.Create, second);
        Assert.Equal(ApplyOutcome.Failed, refused.Outcome);
        Assert.Equal("SnapshotRegistryUnavailable", refused.Reason);
    }

    [Fact]
    public async Task A_snapshot_workspace_without_a_configured_registry_is_refused_and_nothing_is_created()
    {
        var bare = new RuntimeTestContext();
        await bare.InitializeAsync();
        try
        {
            var result = await bare.ApplyAsync(PlanActionKind.Create, RegistryFixture.SnapshotWorkspace(bare));

            Assert.Equal(ApplyOutcome.Failed, result.Outcome);
            Assert.Equal("SnapshotRegistryMissing", result.Reason);
            Assert.Contains("snapshots:", result.Message, StringComparison.Ordinal);
            Assert.Empty(await bare.Runtime.ObserveAsync(bare.Repository, CancellationToken.None));
        }
        finally
        {
            await bare.DisposeAsync();
        }
    }
}
