using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class RecreateTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Recreate_replaces_the_container_and_keeps_the_developers_work()
    {
        _t.Checkout.Write("README.md", "v1\n");
        var desired = _t.Desired() with { Container = _t.Desired().Container with { ContainerUser = "dev" } };
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var old = await _t.ObserveOneAsync();
        RuntimeTestContext.Exec(_t.ContainerName(), "echo my work > notes.txt; echo edited > README.md", user: "dev");
        _t.Checkout.Write("README.md", "v2\n");
        _t.Checkout.Write("added-later.txt", "new\n");
        var changed = desired.WithField("env.GREETING", "hi") with
        {
            Container = desired.Container with { Env = new Dictionary<string, string> { ["GREETING"] = "hi" } },
            Commands = new(PostCreate: LifecycleCommand.FromShell("echo recreated >> recreated.txt")),
        };

        var result = await _t.ApplyAsync(PlanActionKind.Recreate, changed, old);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        var now = await _t.ObserveOneAsync();
        Assert.NotEqual(old.Id, now.Id);
        Assert.Equal(changed.SpecHash, now.SpecHash);
        var name = _t.ContainerName();
        Assert.Equal("my work\n", RuntimeTestContext.Exec(name, "cat notes.txt"));
        Assert.Equal("edited\n", RuntimeTestContext.Exec(name, "cat README.md"));
        Assert.Equal("missing\n", RuntimeTestContext.Exec(name, "[ -e added-later.txt ] && echo present || echo missing"));
        Assert.Equal("recreated\n", RuntimeTestContext.Exec(name, "cat recreated.txt"));
        Assert.Equal("hi\n", RuntimeTestContext.Exec(name, "echo $GREETING"));
        Assert.Equal([_t.WorkspaceVolume(), _t.SeedMarkerVolume()], (await _t.VolumesAsync()).Select(v => v.Name).Order(StringComparer.Ordinal));
    }
}
