using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>publish commits a workspace's container to a release image that another workspace can name as its image.</summary>
public sealed class PublishTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private readonly RuntimeTestContext _t = registry.Context();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_published_image_is_pullable_and_a_second_workspace_starts_from_it()
    {
        var created = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired("builder"));
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var builder = await _t.ObserveOneAsync("builder");
        RuntimeTestContext.Exec(builder.Name, "mkdir -p /opt && echo toolchain-v1 > /opt/release.txt");
        var reference = $"{registry.Registry.Host}/team/tools:1.0";

        var published = await _t.Runtime.PublishAsync(builder.Key, reference, CancellationToken.None);

        Assert.NotNull(published);
        Assert.True(published.Outcome == ApplyOutcome.Succeeded, published.Message);
        Assert.Equal(["1.0"], await registry.Registry.TagsAsync("team/tools"));
        Assert.Equal(ObservedState.Running, (await _t.ObserveOneAsync("builder")).State);

        // Only the registry has it now: the consumer's create must pull it.
        Assert.Equal(0, LocalImages.Run("docker", $"rmi {reference}").ExitCode);
        var consumer = DesiredWorkspaces.For(_t.Repository, "consumer", image: reference);
        var converged = await _t.ApplyAsync(PlanActionKind.Create, consumer);

        Assert.True(converged.Outcome == ApplyOutcome.Succeeded, converged.Message);
        Assert.Equal("toolchain-v1", RuntimeTestContext.Exec((await _t.ObserveOneAsync("consumer")).Name, "cat /opt/release.txt").Trim());
    }

    [Fact]
    public async Task Publishing_a_workspace_without_a_container_returns_nothing_and_pushes_nothing()
    {
        var result = await _t.Runtime.PublishAsync(new Core.Desired.WorkspaceKey(_t.Repository, "absent"), $"{registry.Registry.Host}/team/none:1", CancellationToken.None);

        Assert.Null(result);
        Assert.Empty(await registry.Registry.TagsAsync("team/none"));
    }
}
