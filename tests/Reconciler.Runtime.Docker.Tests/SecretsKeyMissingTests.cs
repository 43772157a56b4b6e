using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Tests.Support;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>A runtime without a secrets store refuses an access.jupyter workspace with a clear reason and creates nothing.</summary>
public sealed class SecretsKeyMissingTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Jupyter_without_a_secrets_store_fails_with_SecretsKeyMissing_before_anything_is_created()
    {
        var desired = _t.Desired() with { Spec = _t.Desired().Spec with { Access = new AccessSpec(Jupyter: true) } };

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal((ApplyOutcome.Failed, "SecretsKeyMissing"), (result.Outcome, result.Reason));
        Assert.Contains("RECONCILER_SECRETS_KEY", result.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.Empty(await _t.VolumesAsync());
    }
}
