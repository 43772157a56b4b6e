using Docker.DotNet.Models;
using Reconciler.Core.Compose;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Compose;

/// <summary>
/// Compose workspaces converged on the real engine through the Docker API: loaded from the files, planned, applied,
/// observed again. The devcontainer applies to service <c>app</c>; <c>db</c> is a busybox "database" with a healthcheck.
/// </summary>
public sealed class ComposeWorkspaceTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string Devcontainer = """
        {
          "dockerComposeFile": ["docker-compose.yml"],
          "service": "app",
          "containerEnv": { "FROM_DEVCONTAINER": "yes" },
          "postCreateCommand": "echo created > /tmp/created"
        }
        """;

    private readonly RuntimeTestContext _t = new();
    private readonly List<string> _builtImages = [];

    public Task InitializeAsync() => _t.InitializeAsync();

    public async Task DisposeAsync()
    {
        var networks = await _t.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = RepositoryFilter() });
        await _t.DisposeAsync();
        foreach (var image in _builtImages.Distinct())
        {
            LocalImages.Run("docker", $"rmi -f {image}");
        }

        using var client = new global::Docker.DotNet.DockerClientConfiguration(new Uri(RuntimeTestContext.Endpoint)).CreateClient();
        foreach (var network in networks)
        {
            await client.Networks.DeleteNetworkAsync(network.ID);
        }
    }

    [Fact]
    public async Task Two_services_start_in_dependency_order_and_a_no_op_pass_makes_no_mutating_call()
    {
        WriteRepository(Compose(dbEnv: "v1", dbBuilt: true));
        _t.Checkout.Write(".devcontainer/db.Dockerfile", $"FROM {LocalImages.Busybox}\nRUN echo built-locally > /built\n");
        var desired = Load();
        var dbImage = Assert.Single(desired.Compose!.Sidecars).Image;
        Assert.StartsWith("reconciler-build/", dbImage, StringComparison.Ordinal);
        _builtImages.Add(dbImage);

        var cold = System.Diagnostics.Stopwatch.StartNew();
        await ConvergeAsync(desired);
        output.WriteLine($"cold converge (build db, create 2 services, healthcheck wait): {cold.ElapsedMilliseconds} ms");
        Assert.Equal("built-locally\n", RuntimeTestContext.Exec(ComposeNames.Container(desired.Key, "db"), "cat /built"));

        var app = await InspectAsync(_t.ContainerName());
        var db = await InspectAsync(ComposeNames.Container(desired.Key, "db"));
        Assert.Equal("healthy", db.State.Health.Status);
        Assert.True(Time(db.State.StartedAt) < Time(app.State.StartedAt), $"db started {db.State.StartedAt:O}, app {app.State.StartedAt:O}");
        // The healthcheck passed before app was created: app's command saw db's ready file in the shared volume.
        Assert.Equal("db-ready\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /shared/seen-by-app"));
        Assert.Contains("FROM_DEVCONTAINER=yes", app.Config.Env);
        Assert.Contains("APP_ENV=compose", app.Config.Env);
        Assert.Equal("created\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /tmp/created"));
        Assert.Equal("hello\n", RuntimeTestContext.Exec(_t.ContainerName(), "cat /workspace/README.md"));
        Assert.Contains("db", RuntimeTestContext.Exec(_t.ContainerName(), "ping -c 1 -W 5 db"), StringComparison.Ordinal);

        var before = _t.Runtime.MutatingCalls;
        var noOp = System.Diagnostics.Stopwatch.StartNew();
        var plan = await PlanAsync(Load());
        Assert.All(plan.Actions, a => Assert.Equal(PlanActionKind.NoOp, a.Kind));
        await ApplyAsync(plan);
        output.WriteLine($"no-op pass (load + hash + observe + plan + apply): {noOp.ElapsedMilliseconds} ms");
        Assert.Equal(before, _t.Runtime.MutatingCalls);
    }

    [Fact]
    public async Task A_changed_service_is_the_only_one_recreated()
    {
        WriteRepository(Compose(dbEnv: "v1"));
        var first = Load();
        await ConvergeAsync(first);
        var appId = (await InspectAsync(_t.ContainerName())).ID;
        var dbId = (await InspectAsync(ComposeNames.Container(first.Key, "db"))).ID;

        WriteRepository(Compose(dbEnv: "v2"));
        var second = Load();
        Assert.Equal(first.Compose!.PrimaryHash, second.Compose!.PrimaryHash);
        var plan = await PlanAsync(second);
        Assert.Equal(PlanActionKind.Recreate, Assert.Single(plan.Actions).Kind);
        await ApplyAsync(plan);

        Assert.Equal(appId, (await InspectAsync(_t.ContainerName())).ID);
        var db = await InspectAsync(ComposeNames.Container(first.Key, "db"));
        Assert.NotEqual(dbId, db.ID);
        Assert.Contains("DB_VERSION=v2", db.Config.Env);
        var before = _t.Runtime.MutatingCalls;
        await ApplyAsync(await PlanAsync(Load()));
        Assert.Equal(before, _t.Runtime.MutatingCalls);
    }

    [Fact]
    public async Task RunServices_selects_services_and_a_service_removed_from_the_file_is_removed()
    {
        WriteRepository(Compose(dbEnv: "v1", extra: true), runServices: """["db"]""");
        var desired = Load();
        await ConvergeAsync(desired);
        Assert.Equal(["app", "db"], await ServicesAsync());

        WriteRepository(Compose(dbEnv: "v1", extra: true), runServices: """["db", "extra"]""");
        await ConvergeAsync(Load());
        Assert.Equal(["app", "db", "extra"], await ServicesAsync());

        WriteRepository(Compose(dbEnv: "v1", extra: false, dependsOnDb: false), runServices: null);
        await ConvergeAsync(Load());
        Assert.Equal(["app"], await ServicesAsync());
    }

    [Fact]
    public async Task Removal_removes_containers_and_networks_and_keeps_volumes_unless_pruned()
    {
        WriteRepository(Compose(dbEnv: "v1"));
        var desired = Load();
        await ConvergeAsync(desired);
        var volume = ComposeNames.Volume(desired.Key, "shared");
        Assert.Contains(await _t.VolumesAsync(), v => v.Name == volume);

        var result = await _t.ApplyAsync(PlanActionKind.Remove, null, await _t.ObserveOneAsync());
        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message);

        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
        Assert.Empty(await _t.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = RepositoryFilter() }));
        Assert.Empty(await _t.Client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = RepositoryFilter() }));
        Assert.Contains(await _t.VolumesAsync(), v => v.Name == volume);

        await ConvergeAsync(Load());
        var pruned = await _t.ApplyAsync(PlanActionKind.Remove, null, await _t.ObserveOneAsync(), pruneVolumes: true);
        Assert.True(pruned.Outcome == ApplyOutcome.Succeeded, pruned.Message);
        Assert.Empty(await _t.VolumesAsync());
    }

    private static string Compose(string dbEnv, bool extra = false, bool dependsOnDb = true, bool dbBuilt = false) => $$"""
        services:
          app:
            image: {{LocalImages.Busybox}}
            command: ["sh", "-c", "cat /shared/ready > /shared/seen-by-app 2>&1; exec sleep 3600"]
            environment:
              APP_ENV: compose
            volumes:
              - ..:/workspace
              - shared:/shared
        {{(dependsOnDb ? "    depends_on:\n      db:\n        condition: service_healthy\n" : "")}}
        {{(dependsOnDb || extra ? DbService(dbEnv, dbBuilt) : "")}}
        {{(extra ? "  extra:\n    image: " + LocalImages.Busybox + "\n    command: sleep 3600\n" : "")}}
        volumes:
          shared:
        """;

    private static string DbService(string env, bool built) => $$"""
          db:
            {{(built ? "build: { context: ., dockerfile: db.Dockerfile }" : "image: " + LocalImages.Busybox)}}
            command: ["sh", "-c", "sleep 1; echo db-ready > /shared/ready; exec sleep 3600"]
            environment:
              DB_VERSION: {{env}}
            volumes:
              - shared:/shared
            healthcheck:
              test: ["CMD", "test", "-f", "/shared/ready"]
              interval: 1s
              timeout: 5s
              retries: 60

        """;

    private void WriteRepository(string compose, string? runServices = null)
    {
        _t.Checkout.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        _t.Checkout.Write("README.md", "hello\n");
        _t.Checkout.Write(".devcontainer/devcontainer.json", runServices is null ? Devcontainer : Devcontainer.Replace("\"service\": \"app\",", $"\"service\": \"app\",\n  \"runServices\": {runServices},", StringComparison.Ordinal));
        _t.Checkout.Write(".devcontainer/docker-compose.yml", compose);
    }

    private DesiredWorkspace Load()
    {
        var loaded = WorkspaceLoader.Load(_t.Content, new LoaderOptions());
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return Assert.Single(loaded.Workspaces);
    }

    private async Task<Plan> PlanAsync(DesiredWorkspace desired)
        => Planner.Plan([desired], await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));

    private async Task ApplyAsync(Plan plan)
    {
        foreach (var action in plan.Actions)
        {
            var result = await _t.Runtime.ApplyAsync(action, new ApplyContext(_t.Content, false), CancellationToken.None);
            Assert.True(result.Outcome == ApplyOutcome.Succeeded, $"{action.Kind}: {result.Reason}: {result.Message}\n{result.OutputTail}");
        }
    }

    private async Task ConvergeAsync(DesiredWorkspace desired) => await ApplyAsync(await PlanAsync(desired));

    /// <summary>The engine's RFC 3339 time with up to nine fraction digits (.NET parses seven).</summary>
    private static DateTimeOffset Time(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$");
        var fraction = match.Groups[2].Value.Length > 8 ? match.Groups[2].Value[..8] : match.Groups[2].Value;
        return DateTimeOffset.Parse(match.Groups[1].Value + fraction + match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<ContainerInspectResponse> InspectAsync(string name) => _t.Client.Containers.InspectContainerAsync(name);

    private async Task<List<string>> ServicesAsync()
    {
        var containers = await _t.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = RepositoryFilter() });
        return [.. containers.Select(c => c.Labels.TryGetValue("dev.reconciler.compose.service", out var s) ? s : "app").Order(StringComparer.Ordinal)];
    }

    private Dictionary<string, IDictionary<string, bool>> RepositoryFilter()
        => new() { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={_t.Repository}"] = true } };
}
