using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>Snapshots of snapshots stack layers; past the limit the commit is flattened to one layer and keeps every file and the image configuration.</summary>
public sealed class SnapshotFlattenTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private const int MaxLayers = 3;
    private readonly RuntimeTestContext _t = registry.Context(maxLayers: MaxLayers);

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_snapshot_deeper_than_the_limit_is_flattened_and_keeps_files_and_configuration()
    {
        var desired = RegistryFixture.SnapshotWorkspace(_t) with
        {
            Container = _t.Desired().Container with { Env = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["SECRET_ISH"] = "value" } },
        };
        var layers = new List<int>();
        foreach (var round in new[] { "a", "b", "c" })
        {
            var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
            Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
            RuntimeTestContext.Exec((await _t.ObserveOneAsync()).Name, $"echo {round} > /root/{round}.txt");
            var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, await _t.ObserveOneAsync());
            Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
            var newest = (await registry.SnapshotTagsAsync(_t)).Max(StringComparer.Ordinal);
            var image = await _t.Client.Images.InspectImageAsync($"{registry.Registry.Host}/{registry.SnapshotPath(_t)}:{newest}");
            layers.Add(image.RootFS.Layers.Count);
            Assert.Contains("SECRET_ISH=", image.Config.Env);
            Assert.Equal("", image.Config.Labels[Core.Desired.OwnershipLabels.ManagedBy]);
        }

        // busybox is one layer: +1 per snapshot until the third would be 4 > 3, which is flattened to 1.
        Assert.Equal([2, 3, 1], layers);
        var last = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(last.Outcome == ApplyOutcome.Succeeded, last.Message);
        Assert.Equal("a b c", RuntimeTestContext.Exec((await _t.ObserveOneAsync()).Name, "cat /root/a.txt /root/b.txt /root/c.txt | tr '\\n' ' '").Trim());
    }
}
