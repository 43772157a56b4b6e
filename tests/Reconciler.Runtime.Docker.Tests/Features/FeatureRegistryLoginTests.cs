using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Features;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Features;

/// <summary>A registry that requires a login: Features come with the credential of the worker configuration, and without it the failure says so.</summary>
public sealed class FeatureRegistryLoginTests : IAsyncLifetime
{
    private LocalRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        await LocalImages.EnsureBusyboxAsync();
        _registry = await LocalRegistry.StartAsync(RegistryUser.Robot);
        await TestFeatures.PublishAsync(_registry, login: true);
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task The_configured_credential_is_used_and_its_absence_is_a_located_failure()
    {
        var anonymous = new RuntimeTestContext();
        var withLogin = new RuntimeTestContext(o => o.RegistryCredentials = new Dictionary<string, RegistryCredential>
        {
            [_registry.LocalHost] = new(RegistryUser.Robot.Name, RegistryUser.Robot.Password),
        });
        try
        {
            await AssertLoginNeededAsync(anonymous);
            var result = await withLogin.ApplyAsync(PlanActionKind.Create, Compile(withLogin));
            Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
            Assert.Equal("base beta root /root root\ngreeter hi false\n", RuntimeTestContext.Exec(withLogin.ContainerName(), "cat /opt/order.log"));
        }
        finally
        {
            await anonymous.DisposeAsync();
            await withLogin.DisposeAsync();
        }
    }

    private async Task AssertLoginNeededAsync(RuntimeTestContext anonymous)
    {
        var failed = await anonymous.ApplyAsync(PlanActionKind.Create, Compile(anonymous));
        Assert.Equal(ApplyOutcome.Failed, failed.Outcome);
        Assert.Contains(".devcontainer/devcontainer.json:1:", failed.Message, StringComparison.Ordinal);
        Assert.Contains("error RC0121", failed.Message, StringComparison.Ordinal);
        Assert.Contains("devcontainer.featureRegistries", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RegistryUser.Robot.Password, failed.Message, StringComparison.Ordinal);
    }

    private DesiredWorkspace Compile(RuntimeTestContext t)
    {
        t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        t.Checkout.Write(".devcontainer/devcontainer.json", $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "{{TestFeatures.Greeter(_registry)}}": {} } }""");
        var loaded = WorkspaceLoader.Load(t.Content, new LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return Assert.Single(loaded.Workspaces);
    }
}
