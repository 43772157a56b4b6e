using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Snapshots;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Snapshots;

/// <summary>A registry with basic authentication: push, tag listing, pruning and pull use the configured user; a wrong password fails and keeps the container.</summary>
public sealed class SnapshotRegistryAuthTests : IAsyncLifetime
{
    private LocalRegistry _registry = null!;
    private RuntimeTestContext _t = null!;
    private string _password = RegistryUser.Robot.Password;

    [Fact]
    public async Task Snapshots_go_through_basic_authentication_and_a_wrong_password_keeps_the_container()
    {
        using (var anonymous = new HttpClient())
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(_registry.Url, "/v2/"))).StatusCode);
        }

        var desired = RegistryFixture.SnapshotWorkspace(_t);
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        RuntimeTestContext.Exec((await _t.ObserveOneAsync()).Name, "echo authenticated > /root/auth.txt");

        var removed = await _t.ApplyAsync(PlanActionKind.Remove, desired, await _t.ObserveOneAsync());

        Assert.True(removed.Outcome == ApplyOutcome.Succeeded, removed.Message);
        var path = Options().SnapshotPath(desired.Key);
        var tag = Assert.Single(await _registry.TagsAsync(path));
        Assert.Equal(0, LocalImages.Run("docker", $"rmi {_registry.Host}/{path}:{tag}").ExitCode);
        var recreated = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        Assert.Equal("authenticated", RuntimeTestContext.Exec((await _t.ObserveOneAsync()).Name, "cat /root/auth.txt").Trim());

        _password = "wrong-password";
        var running = await _t.ObserveOneAsync();
        var refused = await _t.ApplyAsync(PlanActionKind.Remove, desired, running);

        Assert.Equal(ApplyOutcome.Failed, refused.Outcome);
        Assert.Equal("SnapshotFailed", refused.Reason);
        Assert.DoesNotContain("wrong-password", refused.Message, StringComparison.Ordinal);
        Assert.Equal(running.Id, (await _t.ObserveOneAsync()).Id);
        Assert.Equal([tag], await _registry.TagsAsync(path));
    }

    public async Task InitializeAsync()
    {
        _registry = await LocalRegistry.StartAsync(RegistryUser.Robot);
        _t = new RuntimeTestContext(o => o.Snapshots = Options());
        await _t.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _t.DisposeAsync();
        using (var client = new DockerClientConfiguration(new Uri(RuntimeTestContext.Endpoint)).CreateClient())
        {
            foreach (var image in await client.Images.ListImagesAsync(new ImagesListParameters()))
            {
                foreach (var tag in (image.RepoTags ?? []).Where(t => t.StartsWith(_registry.Host + "/", StringComparison.Ordinal)))
                {
                    try
                    {
                        await client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true });
                    }
                    catch (DockerApiException)
                    {
                    }
                }
            }
        }

        _registry.Dispose();
    }

    private SnapshotRegistryOptions Options()
        => new() { Registry = _registry.Url, Prefix = "rc-auth", User = RegistryUser.Robot.Name, Password = () => _password };
}
