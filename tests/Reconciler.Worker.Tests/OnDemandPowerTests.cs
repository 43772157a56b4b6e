using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// On-demand workspaces on the real engine with the shortest idle timeout (1m): created stopped; a wake through the
/// API starts them (recorded with who asked); the one left idle stops when the timeout passes, the one with a busy
/// loop inside (CPU, no exec session open) keeps running. Another team's token cannot wake them.
/// </summary>
public sealed class OnDemandPowerTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _variable = "RC_TEST_POWER_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _otherVariable = "RC_TEST_OTHER_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "adm-" + Guid.NewGuid().ToString("N");
    private readonly string _otherToken = "other-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Wake_starts_idle_stops_and_cpu_load_keeps_it_running()
    {
        Environment.SetEnvironmentVariable(_variable, _token);
        Environment.SetEnvironmentVariable(_otherVariable, _otherToken);
        var (work, identity) = _world.CreateRepository("demand");
        work.Write(Files.WorkspaceFile, """
                version: 1
                defaults: { team: ml, lifecycle: { policy: on_demand, idleTimeout: 1m } }
                workspaces:
                  - name: busy
                  - name: idle
                """)
            .Write(Files.DevcontainerFile, Files.Devcontainer("demand"));
        work.CommitAndPush("two notebooks");
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_variable}} }
                - { name: web, role: team, team: web, tokenEnv: {{_otherVariable}} }
            """);
        var within = TimeSpan.FromSeconds(40);
        await _world.EventuallyAsync(
            async () => await Schedules.StoppedAsync(_world, identity, "busy") && await Schedules.StoppedAsync(_world, identity, "idle"),
            within,
            "both are created stopped (not woken)");
        using (var view = JsonDocument.Parse((await SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/idle", _token)).Body))
        {
            var power = view.RootElement.GetProperty("power");
            Assert.Equal(("on_demand", "stopped"), (power.GetProperty("lifecycle").GetString(), power.GetProperty("state").GetString()));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/idle/wake", _otherToken)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/idle/wake?for=soon", _token)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/busy/wake", _token)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/idle/wake?for=2h", _token)).Status);
        var woken = DateTimeOffset.UtcNow;
        await _world.EventuallyAsync(
            async () => await Schedules.RunningAsync(_world, identity, "busy") && await Schedules.RunningAsync(_world, identity, "idle"),
            within,
            "the wakes start both");

        // A busy loop reparented inside the container: CPU only, the exec that started it has ended.
        var busy = _world.ContainerName(identity, "busy");
        Assert.Equal(0, LocalImages.Run("docker", $"exec {busy} sh -c \"setsid sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &\"").ExitCode);
        Assert.Contains("while :", LocalImages.Run("docker", $"top {busy}").Output, StringComparison.Ordinal);

        await _world.EventuallyAsync(() => Schedules.StoppedAsync(_world, identity, "idle"), TimeSpan.FromSeconds(100), "the idle one stops after its idle timeout");
        Assert.True(DateTimeOffset.UtcNow - woken >= TimeSpan.FromMinutes(1), "not stopped before the idle timeout");
        Assert.True(await Schedules.RunningAsync(_world, identity, "busy"), "the busy one keeps running\n" + string.Join("\n", _world.Log.Split('\n').Where(l => l.Contains("busy", StringComparison.Ordinal) || l.Contains("ctivity", StringComparison.Ordinal) || l.Contains("active", StringComparison.Ordinal))));
        using (var view = JsonDocument.Parse((await SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/busy", _token)).Body))
        {
            var power = view.RootElement.GetProperty("power");
            Assert.Equal("running", power.GetProperty("state").GetString());
            Assert.StartsWith("running — stops at ", power.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        // The pass records its events after the engine call the checks above observe: wait for the stop to be recorded.
        IReadOnlyList<AuditEvent> events = [];
        await _world.EventuallyAsync(
            async () =>
            {
                events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
                return events.Any(e => e is { Workspace: "idle", Action: "stop" });
            },
            TimeSpan.FromSeconds(20),
            "the idle stop is recorded");
        Assert.Contains(events, e => e is { Workspace: "busy", Action: "wake", Result: "recorded", Actor: "api:ci" });
        Assert.Contains(events, e => e is { Workspace: "idle", Action: "wake", Actor: "api:ci" } && e.Message!.StartsWith("wake until ", StringComparison.Ordinal));
        Assert.Contains(events, e => e is { Workspace: "idle", Action: "stop", Result: "succeeded" } && e.Message!.Contains("idle since", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e is { Workspace: "busy", Action: "stop" } && e.Time > woken);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Environment.SetEnvironmentVariable(_otherVariable, null);
        await _world.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, new Uri(_world.Address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _world.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
