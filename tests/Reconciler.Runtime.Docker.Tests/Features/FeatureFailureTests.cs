using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Features;

/// <summary>
/// Bad Feature inputs become a Failed apply with located diagnostics (file:line:column of devcontainer.json or the
/// Feature's manifest), or a compile error that blocks the workspace; nothing is created and the runtime goes on.
/// </summary>
public sealed class FeatureFailureTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task An_unknown_Feature_fails_with_RC0121_at_its_key()
    {
        await using var registry = await LocalRegistry.StartAsync();
        await TestFeatures.PublishAsync(registry);

        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "{{registry.LocalHost}}/reconciler-test/nope:1": {} } }""";
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile(text));

        AssertFailed(result, "FeatureResolutionFailed", $".devcontainer/devcontainer.json:1:{Column(text, registry.LocalHost)}: error RC0121: Feature 'localhost:");
        Assert.Contains("has no Feature reconciler-test/nope:1", result.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_registry_fails_with_RC0122()
    {
        var port = LocalRegistry.FreePort();

        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "localhost:{{port}}/reconciler-test/greeter:1": {} } }""";
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile(text));

        AssertFailed(result, "FeatureResolutionFailed", $".devcontainer/devcontainer.json:1:{Column(text, "localhost:")}: error RC0122: Feature 'localhost:{port}/reconciler-test/greeter:1': registry localhost:{port} cannot be reached");
    }

    [Fact]
    public async Task A_dependsOn_cycle_fails_with_RC0124_and_the_fixed_configuration_then_converges()
    {
        _t.Checkout.Write(".devcontainer/a/devcontainer-feature.json", """{ "id": "a", "version": "1.0.0", "dependsOn": { "./b": {} } }""");
        _t.Checkout.Write(".devcontainer/a/install.sh", "#!/bin/sh\necho a >> /order.log\n");
        _t.Checkout.Write(".devcontainer/b/devcontainer-feature.json", """{ "id": "b", "version": "1.0.0", "dependsOn": { "./a": {} } }""");
        _t.Checkout.Write(".devcontainer/b/install.sh", "#!/bin/sh\necho b >> /order.log\n");

        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "./a": {} } }""";
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile(text));

        AssertFailed(result, "FeatureResolutionFailed", $".devcontainer/devcontainer.json:1:{Column(text, "./a")}: error RC0124: these Features wait on each other (dependsOn/installsAfter form a cycle), so none can be installed first: ./a, ./b");

        // The runtime carries on: the same workspace with the cycle broken (a depends on nothing, b installsAfter a) converges.
        _t.Checkout.Write(".devcontainer/a/devcontainer-feature.json", """{ "id": "a", "version": "1.0.0" }""");
        _t.Checkout.Write(".devcontainer/b/devcontainer-feature.json", """{ "id": "b", "version": "1.0.0", "installsAfter": [ "./a" ] }""");
        var fixedResult = await _t.ApplyAsync(PlanActionKind.Create, Compile($$"""{ "image": "{{LocalImages.Busybox}}", "features": { "./b": {}, "./a": {} } }"""));
        Assert.True(fixedResult.Outcome == ApplyOutcome.Succeeded, fixedResult.Message + "\n" + fixedResult.OutputTail);
        Assert.Equal("a\nb\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /order.log"));
    }

    [Fact]
    public async Task A_bad_option_type_fails_with_RC0123_naming_the_option()
    {
        _t.Checkout.Write(".devcontainer/tool/devcontainer-feature.json", """
            { "id": "tool", "version": "1.0.0",
              "options": { "loud": { "type": "boolean", "default": false }, "flavour": { "type": "string", "enum": ["a", "b"], "default": "a" } } }
            """);
        _t.Checkout.Write(".devcontainer/tool/install.sh", "#!/bin/sh\ntrue\n");

        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "./tool": { "loud": "very", "flavour": "c" } } }""";
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile(text));

        AssertFailed(result, "FeatureResolutionFailed", $".devcontainer/devcontainer.json:1:{Column(text, "./tool")}: error RC0123: option 'loud' of Feature 'tool' is a boolean, not the string 'very'");
        Assert.Contains($".devcontainer/devcontainer.json:1:{Column(text, "./tool")}: error RC0123: option 'flavour' of Feature 'tool' must be one of 'a', 'b', not 'c'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_install_script_fails_with_RC0126_and_its_output()
    {
        _t.Checkout.Write(".devcontainer/broken/devcontainer-feature.json", """{ "id": "broken", "version": "1.0.0" }""");
        _t.Checkout.Write(".devcontainer/broken/install.sh", "#!/bin/sh\necho installing broken\nexit 3\n");

        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "./broken": {} } }""";
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile(text));

        AssertFailed(result, "FeatureInstallFailed", $".devcontainer/devcontainer.json:1:{Column(text, "./broken")}: error RC0126: installing Feature './broken' (its install.sh) failed");
        Assert.Contains("installing broken", result.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_references_and_option_shapes_are_compile_errors_that_block_the_workspace()
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        var text = $$"""{ "image": "{{LocalImages.Busybox}}", "features": { "node": {}, "ghcr.io/x/y:1": 42, "ghcr.io/x/z:1": { "nested": { "no": 1 } } } }""";
        _t.Checkout.Write(".devcontainer/devcontainer.json", text);

        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions());

        Assert.Empty(loaded.Workspaces);
        var errors = loaded.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith($".devcontainer/devcontainer.json:1:{Column(text, "node")}: error RC0120: 'node' is not a Feature reference", StringComparison.Ordinal));
        Assert.Contains($".devcontainer/devcontainer.json:1:{text.IndexOf("42", StringComparison.Ordinal) + 1}: error RC0123: ghcr.io/x/y:1: Feature options must be an object (or a version string), not the number 42", errors);
        Assert.Contains($".devcontainer/devcontainer.json:1:{text.IndexOf("{ \"no\"", StringComparison.Ordinal) + 1}: error RC0123: ghcr.io/x/z:1: option 'nested' must be a string or a boolean", errors);
    }

    private DesiredWorkspace Compile(string devcontainer)
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        _t.Checkout.Write(".devcontainer/devcontainer.json", devcontainer);
        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return Assert.Single(loaded.Workspaces);
    }

    /// <summary>1-based column of the key that starts with <paramref name="keyStart"/> (its opening quote).</summary>
    private static int Column(string text, string keyStart) => text.IndexOf("\"" + keyStart, StringComparison.Ordinal) + 1;

    private static void AssertFailed(ApplyResult result, string reason, string messageStart)
    {
        Assert.True(result.Outcome == ApplyOutcome.Failed, $"{result.Outcome}: {result.Message}");
        Assert.Equal(reason, result.Reason);
        Assert.Contains(messageStart, result.Message, StringComparison.Ordinal);
    }
}
