using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>Every stop takes a snapshot; older ones are deleted from the registry (by digest) beyond <c>retain</c>.</summary>
public sealed class SnapshotRetentionTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private const int Retain = 2;
    private readonly RuntimeTestContext _t = registry.Context(Retain);

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Stops_take_snapshots_and_only_the_newest_retain_are_kept()
    {
        var desired = RegistryFixture.SnapshotWorkspace(_t);
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var seen = new List<string>();
        for (var round = 1; round <= Retain + 2; round++)
        {
            var running = await _t.ObserveOneAsync();
            RuntimeTestContext.Exec(running.Name, $"echo {round} > /root/round.txt");
            var stopped = await _t.ApplyAsync(PlanActionKind.Stop, desired with { Power = Core.Desired.PowerState.Stopped }, running);
            Assert.True(stopped.Outcome == ApplyOutcome.Succeeded, stopped.Message);
            var tags = await registry.SnapshotTagsAsync(_t);
            seen.AddRange(tags.Except(seen, StringComparer.Ordinal));
            Assert.Equal(Math.Min(round, Retain), tags.Count);
            var started = await _t.ApplyAsync(PlanActionKind.Start, desired, await _t.ObserveOneAsync());
            Assert.True(started.Outcome == ApplyOutcome.Succeeded, started.Message);
        }

        // The kept ones are the newest; the pruned ones are gone from the registry's manifests, not only untagged.
        var kept = await registry.SnapshotTagsAsync(_t);
        Assert.Equal(seen.Order(StringComparer.Ordinal).TakeLast(Retain), kept);
        Assert.Equal(Retain + 2, seen.Count);

        // The newest snapshot holds the last round's file.
        var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, await _t.ObserveOneAsync());
        Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
        var recreated = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        Assert.Equal((Retain + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), RuntimeTestContext.Exec((await _t.ObserveOneAsync()).Name, "cat /root/round.txt").Trim());
        Assert.Equal(Retain, (await registry.SnapshotTagsAsync(_t)).Count);
    }
}
