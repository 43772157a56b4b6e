using System.Net;
using System.Text.Json;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Issue 6 with issue 5: the single exclusive GPU of a static inventory (a fake UUID) is held by a scheduled workspace
/// while its window is open; a persistent workspace asking for it waits as pending with the reason, and is created
/// with the GPU by the pass that the schedule's stop boundary triggers (Quartz), with nobody pushing or asking.
/// Window: seconds 0–14 and 30–44 of every minute run, 15–29 and 45–59 are stopped.
/// </summary>
public sealed class GpuScheduleReleaseTests : IAsyncLifetime
{
    private const string Uuid = "GPU-5c4e0000-0000-0000-0000-0000000051de";
    private const string Lifecycle = """{ policy: scheduled, timezone: Europe/Berlin, start: "0/30 * * * * ?", stop: "15/30 * * * * ?" }""";
    private readonly WorkerWorld _world = new();
    private readonly string _tokenVariable = $"RC_GPU_SCHED_{Guid.NewGuid():N}"[..36].ToUpperInvariant();
    private readonly string _token = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_pending_request_gets_the_gpu_when_the_holder_is_stopped_by_its_schedule()
    {
        Environment.SetEnvironmentVariable(_tokenVariable, _token);
        var (work, identity) = _world.CreateRepository("gpusched");
        work.Write(Files.WorkspaceFile, $$"""
            version: 1
            defaults: { team: ml-research, gpu: { mode: exclusive, count: 1 } }
            workspaces:
              - name: a
                lifecycle: {{Lifecycle}}
              - name: b
            """).Write(Files.DevcontainerFile, Files.Devcontainer("gpusched"));
        work.CommitAndPush("a scheduled and a persistent GPU workspace");

        // Start inside the window with room for the first pass, so that a (first in the file) takes the GPU.
        await WaitForWindowAsync();
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
            gpu: { pendingRecheckInterval: 1h }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_tokenVariable}} }
            """);
        var within = TimeSpan.FromSeconds(40);
        await _world.EventuallyAsync(async () => (await ContainerAsync(identity, "a"))?.HostConfig.DeviceRequests?.Count == 1, within, "a is created with the GPU");
        Assert.Equal([Uuid], (await ContainerAsync(identity, "a"))!.HostConfig.DeviceRequests.Single().DeviceIDs);
        Assert.Null(await ContainerAsync(identity, "b"));
        await _world.EventuallyAsync(async () => await WorkspaceAsync(identity, "b") is { } reported && reported.GetProperty("state").GetString() == "pending", within, "b is reported pending");
        var b = (await WorkspaceAsync(identity, "b"))!.Value;
        Assert.Equal("needs 1 × GPU on one host; free: 0", b.GetProperty("gpu").GetProperty("pending").GetString());

        // The stop boundary (second 15 or 45) is the only thing that triggers a pass: poll, resync and the pending
        // re-check are an hour away.
        await _world.EventuallyAsync(async () => (await ContainerAsync(identity, "b"))?.HostConfig.DeviceRequests?.Count == 1, within, "b is created with the GPU a released");
        Assert.InRange(DateTimeOffset.UtcNow.Second % 30, 15, 29);
        Assert.Equal([Uuid], (await ContainerAsync(identity, "b"))!.HostConfig.DeviceRequests.Single().DeviceIDs);
        await _world.EventuallyAsync(
            async () => (await WorkspaceAsync(identity, "a"))?.GetProperty("power").GetProperty("state").GetString() == "stopped", within, "a is reported stopped");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Environment.SetEnvironmentVariable(_tokenVariable, null);
    }

    /// <summary>Until the clock is 1–4 s into a window (0–14 or 30–44 of a minute).</summary>
    private static async Task WaitForWindowAsync()
    {
        var second = (DateTimeOffset.UtcNow.Second % 30) + (DateTimeOffset.UtcNow.Millisecond / 1000.0);
        var wait = 1 - second;
        await Task.Delay(TimeSpan.FromSeconds(wait < 0 ? wait + 30 : wait));
    }

    private Task<ContainerInspectResponse?> ContainerAsync(string identity, string workspace) => _world.InspectByLabelsAsync(identity, workspace);

    private async Task<JsonElement?> WorkspaceAsync(string identity, string workspace)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_world.Address, "/api/workspaces"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        using var response = await _world.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        foreach (var w in json.RootElement.EnumerateArray())
        {
            if (w.GetProperty("repository").GetString() == identity && w.GetProperty("workspace").GetString() == workspace)
            {
                return w.Clone();
            }
        }

        return null;
    }
}
