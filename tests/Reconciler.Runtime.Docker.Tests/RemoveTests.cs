using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class RemoveTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Remove_deletes_the_container_and_keeps_its_volumes()
    {
        var observed = await CreateWithStorageAsync();

        var result = await _t.ApplyAsync(PlanActionKind.Remove, null, observed);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        var volumes = (await _t.VolumesAsync()).Select(v => v.Name).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { CacheVolume, _t.WorkspaceVolume(), _t.SeedMarkerVolume() }.Order(StringComparer.Ordinal), volumes);
    }

    [Fact]
    public async Task Remove_with_prune_volumes_deletes_the_labelled_volumes_too()
    {
        var observed = await CreateWithStorageAsync();
        var foreign = "rc-foreign-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, LocalImages.Run("docker", $"volume create {foreign}").ExitCode);
        try
        {
            var result = await _t.ApplyAsync(PlanActionKind.Remove, null, observed, pruneVolumes: true);

            Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
            Assert.Empty(await _t.VolumesAsync());
            Assert.Equal(0, LocalImages.Run("docker", $"volume inspect {foreign}").ExitCode);
        }
        finally
        {
            LocalImages.Run("docker", $"volume rm {foreign}");
        }
    }

    private string CacheVolume => _t.ContainerName() + "-cache";

    private async Task<WorkspaceObservation> CreateWithStorageAsync()
    {
        var desired = _t.Desired() with
        {
            Spec = new WorkspaceSpec { Name = "main", Storage = [new StorageSpec("cache", StorageType.Local, "/cache")] },
            Container = _t.Desired().Container with { Mounts = [new MountRequest(MountKind.Volume, CacheVolume, "/cache")] },
        };
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var cache = Assert.Single(await _t.VolumesAsync(), v => v.Name == CacheVolume);
        Assert.Equal("storage:cache", cache.Labels[OwnershipLabels.VolumeRole]);
        return await _t.ObserveOneAsync();
    }
}
