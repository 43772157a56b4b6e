using System.Diagnostics;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class StopTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Stop_stops_the_keep_alive_container_promptly()
    {
        var created = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired());
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message);
        var running = await _t.ObserveOneAsync();

        var watch = Stopwatch.StartNew();
        var result = await _t.ApplyAsync(PlanActionKind.Stop, _t.Desired(), running);
        watch.Stop();

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);
        Assert.Equal(ObservedState.Stopped, (await _t.ObserveOneAsync()).State);
        var inspect = await _t.Client.Containers.InspectContainerAsync(running.Id);
        Assert.Equal(0, inspect.State.ExitCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"stop took {watch.Elapsed}; SIGTERM should end the keep-alive loop at once");
    }
}
