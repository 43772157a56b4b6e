using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Snapshots;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>A persistence: snapshot workspace keeps its container filesystem across a delete and a recreate (issue 9, item 4).</summary>
public sealed class SnapshotRecreateTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private readonly RuntimeTestContext _t = registry.Context();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_file_written_in_the_container_survives_removal_and_the_next_container_starts_from_the_snapshot()
    {
        var desired = RegistryFixture.SnapshotWorkspace(_t) with
        {
            Container = _t.Desired().Container with { Env = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["API_TOKEN"] = "do-not-bake" } },
        };
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var first = await _t.ObserveOneAsync();
        RuntimeTestContext.Exec(first.Name, "mkdir -p /opt/tools && echo installed-by-hand > /opt/tools/marker.txt");

        var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, first);

        Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        var tag = Assert.Single(await registry.SnapshotTagsAsync(_t));

        // The registry is the source of truth: with the engine's copy gone the next create pulls it back.
        Assert.Equal(0, TestKit.LocalImages.Run("docker", $"rmi {registry.Registry.Host}/{registry.SnapshotPath(_t)}:{tag}").ExitCode);

        var recreated = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        var second = await _t.ObserveOneAsync();
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("installed-by-hand", RuntimeTestContext.Exec(second.Name, "cat /opt/tools/marker.txt").Trim());
        var inspect = await _t.Client.Containers.InspectContainerAsync(second.Id);
        var snapshot = $"{registry.Registry.Host}/{registry.SnapshotPath(_t)}:{tag}";
        Assert.Equal(snapshot, inspect.Config.Image);
        Assert.Equal(snapshot, inspect.Config.Labels[SnapshotLabels.From]);

        // Starting from a snapshot does not change what the planner compares: the next pass is a no-op.
        Assert.Equal(desired.SpecHash, second.SpecHash);
        var plan = Planner.Plan([desired], [second]);
        Assert.Equal(PlanActionKind.NoOp, Assert.Single(plan.Actions).Kind);

        // The container's environment (which holds generated secrets) is not baked into the image.
        var image = await _t.Client.Images.InspectImageAsync(snapshot);
        Assert.Contains("API_TOKEN=", image.Config.Env);
        Assert.DoesNotContain(image.Config.Env, e => e.Contains("do-not-bake", StringComparison.Ordinal));
        Assert.Equal("", image.Config.Labels[Core.Desired.OwnershipLabels.ManagedBy]);
    }

    [Fact]
    public async Task A_workspace_without_persistence_snapshot_is_removed_without_a_snapshot()
    {
        var created = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);

        var removed = await _t.ApplyAsync(PlanActionKind.Remove, _t.Desired(), await _t.ObserveOneAsync());

        Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
        Assert.Empty(await registry.SnapshotTagsAsync(_t));
    }

    [Fact]
    public async Task A_workspace_whose_base_image_changed_starts_from_the_new_base_not_from_an_old_snapshot()
    {
        var desired = RegistryFixture.SnapshotWorkspace(_t);
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var first = await _t.ObserveOneAsync();
        RuntimeTestContext.Exec(first.Name, "echo old-base > /root/state.txt");
        var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, first);
        Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
        Assert.Single(await registry.SnapshotTagsAsync(_t));

        // Same content, another name: a different base as far as the workspace file is concerned.
        var otherBase = $"reconciler-test/busybox-snapbase-{Guid.NewGuid():N}"[..48] + ":1";
        Assert.Equal(0, TestKit.LocalImages.Run("docker", $"tag {TestKit.LocalImages.Busybox} {otherBase}").ExitCode);
        try
        {
            var rebased = TestKit.DesiredWorkspaces.WithField(desired, "image", otherBase) with { Image = otherBase };
            var recreated = await _t.ApplyAsync(PlanActionKind.Create, rebased);

            Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
            var second = await _t.ObserveOneAsync();
            var inspect = await _t.Client.Containers.InspectContainerAsync(second.Id);
            Assert.Equal(otherBase, inspect.Config.Image);
            Assert.False(inspect.Config.Labels.ContainsKey(SnapshotLabels.From));
            Assert.Equal(otherBase, inspect.Config.Labels[SnapshotLabels.Base]);
            Assert.Equal("absent", RuntimeTestContext.Exec(second.Name, "cat /root/state.txt 2>/dev/null || echo absent").Trim());
        }
        finally
        {
            // The image can only go once no container uses it.
            foreach (var container in await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None))
            {
                await _t.Client.Containers.RemoveContainerAsync(container.Id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
            }

            TestKit.LocalImages.Run("docker", $"rmi {otherBase}");
        }
    }
}
