using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.TestKit.Git;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Hosting;

namespace Reconciler.Cli.Tests;

/// <summary>
/// <c>reconciler status</c> reads a running worker's API when <c>--config</c> names its address and an admin token's
/// variable is set (or with <c>--api-url</c>/<c>--token-env</c>), printing conditions and last errors; with no worker
/// answering it falls back to the Docker engine; a refused token is a usage error. The token is never printed.
/// </summary>
public sealed class StatusThroughApiTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("reconciler-status-api");
    private readonly GitDaemon _daemon = new();
    private readonly string _variable = "RC_TEST_STATUS_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "adm-" + Guid.NewGuid().ToString("N");
    private readonly StringWriter _log = new();
    private WorkRepository? _work;
    private string _identity = "";
    private WorkerHost? _host;

    [Fact]
    public async Task Status_prints_the_workers_view_and_falls_back_to_the_engine_without_a_worker()
    {
        var address = await StartWorkerAsync();
        var config = _folder.Write("status.yaml", Config(address.ToString().TrimEnd('/')));

        var table = await CliRunner.RunAsync("status", "--config", config);
        Assert.True(table.ExitCode == 0, table.ToString());
        var header = table.Output.Split('\n')[0];
        Assert.Matches("^HOST +REPOSITORY +WORKSPACE +STATE +COMMIT +PORTS +CONTAINER +GPU +CONDITION +POWER +LAST ERROR$", header);
        var row = Assert.Single(table.Output.Split('\n'), l => l.Contains(_identity, StringComparison.Ordinal));
        Assert.Matches($"^default +{System.Text.RegularExpressions.Regex.Escape(_identity)} +trainer +ready +[0-9a-f]{{12}} +- +\\S+ +- +Ready=True \\(Created\\) +persistent: running +-$", row);

        var json = await CliRunner.RunAsync("status", "--json", "--api-url", address.ToString(), "--token-env", _variable);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains("\"team\": \"ml-research\"", json.Output, StringComparison.Ordinal);

        // reconciler stop|wake|start: through the same API, recorded with who asked.
        var stop = await CliRunner.RunAsync("start", _identity + "/trainer", "--for", "2h", "--api-url", address.ToString(), "--token-env", _variable);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Contains($"start recorded for {_identity}/trainer", stop.Output, StringComparison.Ordinal);
        var unknown = await CliRunner.RunAsync("stop", _identity + "/nope", "--api-url", address.ToString(), "--token-env", _variable);
        Assert.Equal(2, unknown.ExitCode);
        var badExpiry = await CliRunner.RunAsync("wake", _identity + "/trainer", "--until", "6pm", "--api-url", address.ToString(), "--token-env", _variable);
        Assert.Equal(2, badExpiry.ExitCode);
        Assert.Contains("neither HH:MM", badExpiry.Error, StringComparison.Ordinal);

        Environment.SetEnvironmentVariable(_variable + "_WRONG", "adm-not-the-token-at-all");
        var refused = await CliRunner.RunAsync("status", "--api-url", address.ToString(), "--token-env", _variable + "_WRONG");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("refused the token (401)", refused.Error, StringComparison.Ordinal);

        await StopWorkerAsync();
        var fallback = await CliRunner.RunAsync("status", "--config", config);
        Assert.True(fallback.ExitCode == 0, fallback.ToString());
        Assert.Contains("note: no worker answers at " + address, fallback.Error, StringComparison.Ordinal);
        Assert.Matches("^HOST +REPOSITORY +WORKSPACE +STATE +COMMIT +PORTS +CONTAINER$", fallback.Output.Split('\n')[0]);
        Assert.Contains(fallback.Output.Split('\n'), l => l.Contains(_identity, StringComparison.Ordinal) && l.Contains(" running ", StringComparison.Ordinal));

        foreach (var run in new[] { table, json, stop, unknown, badExpiry, refused, fallback })
        {
            Assert.DoesNotContain(_token, run.Output + run.Error, StringComparison.Ordinal);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopWorkerAsync();
        Environment.SetEnvironmentVariable(_variable, null);
        Environment.SetEnvironmentVariable(_variable + "_WRONG", null);
        using var docker = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={_identity}"] = true } };
        foreach (var container in await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
        {
            await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        foreach (var volume in (await docker.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? [])
        {
            await docker.Volumes.RemoveAsync(volume.Name, force: true);
        }

        _work?.Dispose();
        _daemon.Dispose();
        _folder.Dispose();
    }

    private string Config(string listen) => $$"""
        version: 1
        repositories:
          - { url: {{_work!.Url}}, pollInterval: 1h }
        server: { listen: "{{listen}}" }
        worker: { resyncInterval: 1h, shutdownTimeout: 10s }
        api:
          tokens:
            - { name: ci, role: admin, tokenEnv: {{_variable}} }
        """;

    private async Task<Uri> StartWorkerAsync()
    {
        await LocalImages.EnsureBusyboxAsync();
        var name = "status-" + Guid.NewGuid().ToString("N")[..12];
        _work = _daemon.CreateRepository(name);
        _identity = $"127.0.0.1:{_daemon.Port}/{name}";
        _work.Write(".daytona/workspace.yaml", "version: 1\ndefaults: { team: ml-research }\nworkspaces:\n  - name: trainer\n");
        _work.Write(".devcontainer/devcontainer.json", $$"""{ "image": "{{LocalImages.Busybox}}" }""");
        _work.CommitAndPush("add trainer");
        Environment.SetEnvironmentVariable(_variable, _token);
        var (settings, diagnostics) = WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", Config("http://127.0.0.1:0")));
        Assert.True(settings is not null, string.Join('\n', diagnostics));
        _host = await WorkerHost.BuildAsync(settings, new WorkerHostOptions { LogOutput = TextWriter.Synchronized(_log) }, CancellationToken.None);
        await _host.StartAsync(CancellationToken.None);
        var store = _host.Services.GetRequiredService<IStateStore>();
        var watch = Stopwatch.StartNew();
        while ((await store.GetWorkspaceStatusAsync(new WorkspaceKey(_identity, "trainer"), CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status != true)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the workspace is not ready after 60 s:\n" + _log);
            await Task.Delay(100);
        }

        return _host.Address;
    }

    private async Task StopWorkerAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.StopAsync(CancellationToken.None);
            await host.DisposeAsync();
        }
    }
}
