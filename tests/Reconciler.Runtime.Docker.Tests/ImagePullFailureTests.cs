using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class ImagePullFailureTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task A_missing_image_without_a_build_fails_with_ImagePullFailed()
    {
        var desired = _t.Desired() with { Image = "registry.invalid/none:1" };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("ImagePullFailed", result.Reason);
        Assert.StartsWith("image registry.invalid/none:1 could not be pulled: ", result.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.Empty(await _t.VolumesAsync());
    }
}
