using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Features;

/// <summary>
/// Features end to end on the real engine, offline: a real registry, Features published by the reference CLI, the
/// workspace compiled by the real loader from its checkout and converged by the runtime.
/// </summary>
public sealed class FeaturesEndToEndTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private LocalRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        await _t.InitializeAsync();
        _registry = await LocalRegistry.StartAsync();
        await TestFeatures.PublishAsync(_registry);
    }

    public async Task DisposeAsync()
    {
        await _t.DisposeAsync();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task Both_Features_install_in_dependency_order_with_their_metadata_merged_and_a_second_pass_builds_nothing()
    {
        var desired = Compile("hello");

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        var container = _t.ContainerName();
        // base first (its dependsOn options, the users of the spec's variables), then greeter with its options.
        Assert.Equal("base beta root /root root\ngreeter hello false\n", RuntimeTestContext.Exec(container, "cat /opt/order.log"));
        var env = RuntimeTestContext.Exec(container, "env");
        Assert.Contains("GREETER=on\n", env, StringComparison.Ordinal);
        Assert.Contains("BASE_HOME=/opt/base\n", env, StringComparison.Ordinal);
        Assert.Contains("USER_ENV=mine\n", env, StringComparison.Ordinal);
        // The Feature's postCreateCommand runs before devcontainer.json's own.
        Assert.Equal("greeter-post\nuser-post\n", RuntimeTestContext.Exec(container, "cat /tmp/post.log"));
        var inspect = await _t.Client.Containers.InspectContainerAsync(container);
        // The Feature's mount names its volume with ${devcontainerId}, resolved per workspace as the CLI does.
        Assert.Contains(inspect.Mounts, m => m.Destination == "/greeter-cache" && m.Type == "volume"
                                             && System.Text.RegularExpressions.Regex.IsMatch(m.Name, "^rc-greeter-cache-[0-9a-f]{16}$"));

        var image = await _t.Client.Images.InspectImageAsync(inspect.Image);
        var label = JArray.Parse(image.Config.Labels["devcontainer.metadata"]);
        Assert.Equal([TestFeatures.Base(_registry), TestFeatures.Greeter(_registry)], label.Take(2).Select(e => (string?)e["id"]));
        Assert.Equal("echo greeter-post >> /tmp/post.log", (string?)label[1]["postCreateCommand"]);
        Assert.Equal("mine", (string?)label[2]["containerEnv"]?["USER_ENV"]);

        // greeter's layer and the labelled image are new in every run (greeter's manifest names this run's registry port);
        // base's layer may already be cached from an earlier run.
        var builds = _t.Runtime.FeatureBuilds;
        Assert.InRange(builds, 2, 3);

        // The next pass over the same commit plans nothing for it: the workspace has converged.
        var observed = await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None);
        Assert.All(Planner.Plan([Compile("hello")], observed).Actions, a => Assert.Equal(PlanActionKind.NoOp, a.Kind));
        // A recreate (the container is gone or must be replaced) finds every layer in the cache: no build.
        var again = await _t.ApplyAsync(PlanActionKind.Recreate, Compile("hello"), await _t.ObserveOneAsync());
        Assert.True(again.Outcome == ApplyOutcome.Succeeded, again.Message + "\n" + again.OutputTail);
        Assert.Equal(builds, _t.Runtime.FeatureBuilds);
        Assert.Equal(inspect.Image, (await _t.Client.Containers.InspectContainerAsync(container)).Image);
    }

    [Fact]
    public async Task Changing_one_option_rebuilds_only_that_Feature_layer_and_the_label()
    {
        var first = await _t.ApplyAsync(PlanActionKind.Create, Compile("hello"));
        Assert.True(first.Outcome == ApplyOutcome.Succeeded, first.Message + "\n" + first.OutputTail);
        var builds = _t.Runtime.FeatureBuilds;

        var changed = await _t.ApplyAsync(PlanActionKind.Recreate, Compile("hola"), await _t.ObserveOneAsync());

        Assert.True(changed.Outcome == ApplyOutcome.Succeeded, changed.Message + "\n" + changed.OutputTail);
        Assert.Equal(builds + 2, _t.Runtime.FeatureBuilds);
        Assert.Equal("base beta root /root root\ngreeter hola false\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /opt/order.log"));
    }

    [Fact]
    public async Task A_Features_postStartCommand_runs_again_when_the_container_is_started_again()
    {
        var desired = Compile("hello");
        var created = await _t.ApplyAsync(PlanActionKind.Create, desired);
        Assert.True(created.Outcome == ApplyOutcome.Succeeded, created.Message + "\n" + created.OutputTail);
        Assert.Equal(0, LocalImages.Run("docker", $"stop -t 2 {_t.ContainerName()}").ExitCode);
        var stopped = await _t.ObserveOneAsync();

        var started = await _t.ApplyAsync(PlanActionKind.Start, desired, stopped);

        Assert.True(started.Outcome == ApplyOutcome.Succeeded, started.Message + "\n" + started.OutputTail);
        Assert.Equal("greeter-start\ngreeter-start\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /tmp/start.log"));
        Assert.Equal("greeter-post\nuser-post\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /tmp/post.log"));
    }

    [Fact]
    public async Task The_image_label_reads_the_same_as_one_built_by_the_reference_CLI()
    {
        var result = await _t.ApplyAsync(PlanActionKind.Create, Compile("hello"));
        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        var ours = await _t.Client.Images.InspectImageAsync((await _t.Client.Containers.InspectContainerAsync(_t.ContainerName())).Image);

        var theirsName = $"reconciler-test/cli-built-{Guid.NewGuid():N}:1";
        try
        {
            var built = await DevcontainerCli.RunAsync(["build", "--workspace-folder", _t.Checkout.Path, "--image-name", theirsName]);
            Assert.True(built.ExitCode == 0, $"devcontainer build failed:\n{built.Stdout}\n{built.Stderr}");
            var theirs = await _t.Client.Images.InspectImageAsync(theirsName);

            var expected = JArray.Parse(theirs.Config.Labels["devcontainer.metadata"]);
            var actual = JArray.Parse(ours.Config.Labels["devcontainer.metadata"]);
            Assert.True(JToken.DeepEquals(expected, actual), $"reference CLI:\n{expected}\nReconciler:\n{actual}");
            // Both images have the same Features installed in the same order.
            Assert.Equal(LocalImages.Run("docker", $"run --rm {theirsName} cat /opt/order.log").Output, RuntimeTestContext.Exec(_t.ContainerName(), "cat /opt/order.log"));
        }
        finally
        {
            LocalImages.Run("docker", $"rmi {theirsName}");
        }
    }

    private DesiredWorkspace Compile(string greeting)
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        _t.Checkout.Write(".devcontainer/devcontainer.json", $$"""
            {
              "image": "{{LocalImages.Busybox}}",
              "features": { "{{TestFeatures.Greeter(_registry)}}": { "greeting": "{{greeting}}" } },
              "containerEnv": { "USER_ENV": "mine" },
              "postCreateCommand": "echo user-post >> /tmp/post.log"
            }
            """);
        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var desired = Assert.Single(loaded.Workspaces);
        Assert.Empty(desired.Unsupported);
        return desired;
    }
}
