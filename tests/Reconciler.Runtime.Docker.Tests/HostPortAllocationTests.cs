using System.Globalization;
using Docker.DotNet.Models;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;
using PortBinding = Reconciler.Core.Desired.PortBinding;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>
/// Published ports without a host port get one from the configured range on the real engine: recorded in the
/// container's label, kept across a recreate and a stop/start, and never the port another repository's
/// workspace holds (even while that one is stopped).
/// </summary>
public sealed class HostPortAllocationTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _a = new();
    private readonly RuntimeTestContext _b = new();

    public async Task InitializeAsync()
    {
        await _a.InitializeAsync();
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Ports_come_from_the_range_survive_recreate_and_restart_and_never_collide_across_repositories()
    {
        // A one-port range per test run would make the two workspaces contend for the same preferred port; a range
        // of its own (inside the default one) keeps this test off ports other suites on the engine may use.
        var range = new HostPortRange(32900 + Random.Shared.Next(0, 40), 0);
        range = range with { Last = range.First + 1 };
        using var runtimeA = new DockerWorkspaceRuntime(RuntimeTestContext.Endpoint, new DockerRuntimeOptions { PortRange = range, StopTimeout = TimeSpan.FromSeconds(2) }, Microsoft.Extensions.Logging.Abstractions.NullLogger<DockerWorkspaceRuntime>.Instance);
        using var runtimeB = new DockerWorkspaceRuntime(RuntimeTestContext.Endpoint, new DockerRuntimeOptions { PortRange = range, StopTimeout = TimeSpan.FromSeconds(2) }, Microsoft.Extensions.Logging.Abstractions.NullLogger<DockerWorkspaceRuntime>.Instance);
        var desiredA = WithPort(_a.Desired());
        var desiredB = WithPort(_b.Desired());

        Assert.Equal(ApplyOutcome.Succeeded, (await Apply(runtimeA, _a, PlanActionKind.Create, desiredA)).Outcome);
        var portA = await PublishedAsync(_a);
        await _a.Client.Containers.StopContainerAsync(_a.ContainerName(), new ContainerStopParameters { WaitBeforeKillSeconds = 1 });

        var createdB = await Apply(runtimeB, _b, PlanActionKind.Create, desiredB);
        Assert.True(createdB.Outcome == ApplyOutcome.Succeeded, createdB.Message);
        var portB = await PublishedAsync(_b);

        Assert.True(range.Contains(portA) && range.Contains(portB), $"{portA} and {portB} must be in {range}");
        Assert.NotEqual(portA, portB);
        var labels = (await _a.Client.Containers.InspectContainerAsync(_a.ContainerName())).Config.Labels;
        Assert.Equal($"8888/tcp={portA.ToString(CultureInfo.InvariantCulture)}", labels[HostPortLabel.Key]);

        var observed = await _a.ObserveOneAsync();
        var changed = desiredA.WithField("env.X", "1") with { Container = desiredA.Container with { Env = new Dictionary<string, string> { ["X"] = "1" } } };
        var recreated = await Apply(runtimeA, _a, PlanActionKind.Recreate, changed, observed);
        Assert.True(recreated.Outcome == ApplyOutcome.Succeeded, recreated.Message);
        Assert.Equal(portA, await PublishedAsync(_a));

        await _a.Client.Containers.StopContainerAsync(_a.ContainerName(), new ContainerStopParameters { WaitBeforeKillSeconds = 1 });
        Assert.Equal(ApplyOutcome.Succeeded, (await Apply(runtimeA, _a, PlanActionKind.Start, changed, await _a.ObserveOneAsync())).Outcome);
        Assert.Equal(portA, await PublishedAsync(_a));

        // The range is full now: a third workspace is refused with a clear reason instead of a collision.
        var third = await Apply(runtimeB, _b, PlanActionKind.Create, WithPort(_b.Desired("other")));
        Assert.Equal("NoFreeHostPort", third.Reason);
    }

    private static DesiredWorkspace WithPort(DesiredWorkspace desired)
        => desired with { Container = desired.Container with { Ports = [new PortBinding(8888, null, "tcp", "127.0.0.1")] } };

    private static Task<ApplyResult> Apply(DockerWorkspaceRuntime runtime, RuntimeTestContext t, PlanActionKind kind, DesiredWorkspace desired, WorkspaceObservation? observed = null)
        => runtime.ApplyAsync(new PlanAction(kind, desired.Key, desired, observed, []), new ApplyContext(t.Content, false), CancellationToken.None);

    private static async Task<int> PublishedAsync(RuntimeTestContext t)
    {
        var container = await t.Client.Containers.InspectContainerAsync(t.ContainerName());
        return int.Parse(container.HostConfig.PortBindings["8888/tcp"].Single().HostPort, CultureInfo.InvariantCulture);
    }
}
