using System.Net;
using System.Text.Json;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Two workspaces ask for the single exclusive GPU of a static inventory (a fake UUID: this machine has no GPU, so
/// the created container cannot start and reports <c>NvidiaRuntimeUnavailable</c>). One is created with the device
/// request, the other waits with the reason in the API and the metrics; once the first is removed from workspace.yaml the second is
/// created by the next pass, without anyone asking again.
/// </summary>
public sealed class GpuPendingTests : IAsyncLifetime
{
    private const string Uuid = "GPU-fa4e0000-0000-0000-0000-00000000c0de";
    private readonly ApiTokens _tokens = new();
    private readonly WorkerWorld _world = new();

    [Fact]
    public async Task The_second_request_waits_with_its_reason_and_is_created_when_the_gpu_is_released()
    {
        var (work, identity) = _world.CreateRepository("gpu");
        work.Write(Files.WorkspaceFile, Workspaces("a", "b")).Write(Files.DevcontainerFile, Files.Devcontainer("gpu"));
        work.CommitAndPush("two GPU workspaces");
        await _world.StartAsync($$"""
            version: 1
            runtimes:
              docker:
                default:
                  endpoint: unix:///var/run/docker.sock
                  gpus:
                    - { uuid: {{Uuid}}, name: NVIDIA H100 80GB HBM3, memory: 80Gi }
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h }
            gpu: { pendingRecheckInterval: 1s }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_tokens.Admin.Variable}} }
                - { name: web, role: team, team: web-team, tokenEnv: {{_tokens.Other.Variable}} }
            """);
        var within = TimeSpan.FromSeconds(60);

        await _world.EventuallyAsync(async () => (await ContainerAsync(identity, "a"))?.HostConfig.DeviceRequests?.Count == 1, within, "a is created with a device request");
        var a = (await ContainerAsync(identity, "a"))!;
        Assert.Equal([Uuid], a.HostConfig.DeviceRequests.Single().DeviceIDs);
        Assert.Contains("NVIDIA_VISIBLE_DEVICES=" + Uuid, a.Config.Env);
        Assert.Equal($"v1;mode=exclusive;gpus={Uuid}", a.Config.Labels[GpuLabels.Key]);
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(new WorkspaceKey(identity, "a"), CancellationToken.None))?.Condition(WorkspaceConditionType.Failed)?.Reason == "NvidiaRuntimeUnavailable",
            within,
            "a reports that the NVIDIA runtime is missing");
        Assert.Null(await ContainerAsync(identity, "b"));

        var workspaces = await GetJsonAsync("/api/workspaces", _tokens.Admin.Token);
        var b = workspaces.RootElement.EnumerateArray().Single(w => w.GetProperty("workspace").GetString() == "b");
        Assert.Equal("pending", b.GetProperty("state").GetString());
        Assert.Equal("needs 1 × GPU on one host; free: 0", b.GetProperty("gpu").GetProperty("pending").GetString());
        var aView = workspaces.RootElement.EnumerateArray().Single(w => w.GetProperty("workspace").GetString() == "a");
        Assert.Equal([Uuid], aView.GetProperty("gpu").GetProperty("devices").EnumerateArray().Select(d => d.GetString()));
        var ready = b.GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "Ready");
        Assert.Equal("GpuPending", ready.GetProperty("reason").GetString());

        var gpus = (await GetJsonAsync("/api/gpus", _tokens.Admin.Token)).RootElement.EnumerateArray().Single();
        var device = gpus.GetProperty("gpus").EnumerateArray().Single();
        Assert.Equal(("default", Uuid, "exclusive", false), (gpus.GetProperty("host").GetString(), device.GetProperty("uuid").GetString(), device.GetProperty("mode").GetString(), device.GetProperty("free").GetBoolean()));
        Assert.Equal([$"{identity}/a"], device.GetProperty("holders").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal("b", gpus.GetProperty("pending").EnumerateArray().Single().GetProperty("workspace").GetString());
        var seenByOtherTeam = (await GetJsonAsync("/api/gpus", _tokens.Other.Token)).RootElement.EnumerateArray().Single();
        Assert.Equal(["(another team)"], seenByOtherTeam.GetProperty("gpus")[0].GetProperty("holders").EnumerateArray().Select(h => h.GetString()));
        Assert.Empty(seenByOtherTeam.GetProperty("pending").EnumerateArray());

        var metrics = MetricsText.Parse(await _world.Http.GetStringAsync(new Uri(_world.Address, "/metrics")));
        const string Gpu = "host=\"default\",model=\"NVIDIA H100 80GB HBM3\"";
        Assert.Equal(1, metrics[$"reconciler_gpus_total{{{Gpu}}}"]);
        Assert.Equal(0, metrics[$"reconciler_gpus_free{{{Gpu}}}"]);
        Assert.Equal(1, metrics[$"reconciler_gpus_assigned{{{Gpu},mode=\"exclusive\"}}"]);
        Assert.Equal(0, metrics[$"reconciler_gpus_assigned{{{Gpu},mode=\"shared\"}}"]);
        Assert.Equal(1, metrics["reconciler_gpu_requests_pending"]);

        work.Write(Files.WorkspaceFile, Workspaces("b")).CommitAndPush("drop a");
        using var sync = new HttpRequestMessage(HttpMethod.Post, new Uri(_world.Address, $"/api/repositories/{identity}/sync"));
        sync.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _tokens.Admin.Token);
        Assert.Equal(HttpStatusCode.Accepted, (await _world.Http.SendAsync(sync)).StatusCode);

        await _world.EventuallyAsync(async () => (await ContainerAsync(identity, "b"))?.HostConfig.DeviceRequests?.Count == 1, within, "b is created with the released GPU");
        Assert.Equal([Uuid], (await ContainerAsync(identity, "b"))!.HostConfig.DeviceRequests.Single().DeviceIDs);
        await _world.EventuallyAsync(async () => await ContainerAsync(identity, "a") is null, within, "a is removed");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        _tokens.Dispose();
    }

    private static string Workspaces(params string[] names)
        => "version: 1\ndefaults: { team: ml-research, gpu: { mode: exclusive, count: 1 } }\nworkspaces:\n"
           + string.Concat(names.Select(n => $"  - name: {n}\n"));

    private Task<ContainerInspectResponse?> ContainerAsync(string identity, string workspace) => _world.InspectByLabelsAsync(identity, workspace);

    private async Task<JsonDocument> GetJsonAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_world.Address, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _world.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Two API tokens in environment variables unique to this test.</summary>
    private sealed class ApiTokens : IDisposable
    {
        public (string Variable, string Token) Admin { get; } = Set("ADMIN");

        public (string Variable, string Token) Other { get; } = Set("OTHER");

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(Admin.Variable, null);
            Environment.SetEnvironmentVariable(Other.Variable, null);
        }

        private static (string, string) Set(string role)
        {
            var variable = $"RC_GPU_TEST_{role}_{Guid.NewGuid():N}"[..40].ToUpperInvariant();
            var token = Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(variable, token);
            return (variable, token);
        }
    }
}
