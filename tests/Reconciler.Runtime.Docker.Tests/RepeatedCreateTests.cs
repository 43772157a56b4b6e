using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>Apply must be safe to repeat after a crash: a Create that finds its own leftover container replaces it.</summary>
public sealed class RepeatedCreateTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_second_create_replaces_the_leftover_container_and_keeps_the_volume()
    {
        _t.Checkout.Write("README.md", "v1\n");
        var first = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());
        Assert.True(first.Outcome == ApplyOutcome.Succeeded, first.Message);
        var leftover = await _t.ObserveOneAsync();
        RuntimeTestContext.Exec(_t.ContainerName(), "echo kept > work.txt");

        var second = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());

        Assert.True(second.Outcome == ApplyOutcome.Succeeded, second.Message);
        Assert.NotEqual(leftover.Id, (await _t.ObserveOneAsync()).Id);
        Assert.Equal("kept\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat work.txt"));
    }
}
