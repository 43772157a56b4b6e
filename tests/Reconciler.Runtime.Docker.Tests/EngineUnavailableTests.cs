using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class EngineUnavailableTests
{
    [Fact]
    public async Task Apply_reports_an_unreachable_engine_as_a_failure_instead_of_throwing()
    {
        using var checkout = new TempDirectory("rc-repo");
        using var runtime = new DockerWorkspaceRuntime("unix:///tmp/no-such-docker.sock", new DockerRuntimeOptions(), NullLogger<DockerWorkspaceRuntime>.Instance);
        var desired = DesiredWorkspaces.For($"test/{Guid.NewGuid():N}");
        var action = new PlanAction(PlanActionKind.Create, desired.Key, desired, null, []);

        var result = await runtime.ApplyAsync(action, new ApplyContext(new LocalCheckoutContent(checkout.Path, desired.Key.Repository), false), CancellationToken.None);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("DockerUnavailable", result.Reason);
        Assert.Equal(0, runtime.MutatingCalls);
    }
}
