using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Reconciler.Kubernetes.StandIn;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A Kubernetes workspace's status follows its Pod: the watch enqueues the repository when the Pod changes (polling is
/// set to an hour, so only the watch can explain a prompt update), the status API shows the Pod's reason
/// (ImagePullBackOff, Unschedulable for want of nvidia.com/gpu, Ready), and once the Pod is ready the lifecycle commands
/// run through exec; a failing one is a Failed condition, not a crash.
/// </summary>
public sealed class KubernetesStatusTests : IAsyncLifetime
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(15);
    private readonly WorkerWorld _world = new();
    private readonly string _tokenVariable = "RC_TEST_K8S_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "k8s-" + Guid.NewGuid().ToString("N");
    private KubernetesStandIn _api = null!;
    private WorkerReplica? _worker;

    [Fact]
    public async Task Pod_readiness_reaches_the_status_api_through_the_watch_and_ready_pods_run_their_lifecycle_commands()
    {
        var (work, identity) = _world.CreateRepository("k8s-status");
        work.Write(Files.WorkspaceFile, """
            version: 1
            workspaces:
              - name: trainer
                deployment: k8s_stateful
                host: lab
                team: ml
            """).Write(Files.DevcontainerFile, """
            { "image": "registry.example/dev/base:1", "postCreateCommand": "make setup", "postStartCommand": ["echo", "started"] }
            """);
        work.CommitAndPush("k8s workspace");
        _worker = await StartAsync(work.Url);
        var path = $"/api/workspaces/{identity}/trainer";

        await Until(async () => Ready(await GetAsync(path)) == ("false", "NoPod"), "applied, no Pod yet");

        WorkloadPods.Seed(_api, "trainer", WorkloadPods.WaitingStatus("ImagePullBackOff", "Back-off pulling image \"registry.example/dev/base:1\""));
        await Until(async () => Ready(await GetAsync(path)) == ("false", "ImagePullBackOff"), "the image pull failure shows");

        WorkloadPods.Seed(_api, "trainer", WorkloadPods.UnschedulableStatus("0/3 nodes are available: 3 Insufficient nvidia.com/gpu."));
        await Until(async () => Ready(await GetAsync(path)) == ("false", "Unschedulable"), "the scheduling failure shows");
        Assert.Contains("Insufficient nvidia.com/gpu", Condition(await GetAsync(path), "Ready")!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_api.Execs);

        WorkloadPods.Seed(_api, "trainer", WorkloadPods.ReadyStatus());
        await Until(async () => Ready(await GetAsync(path)).Status == "true", "the ready Pod shows");
        Assert.Equal([["/bin/sh", "-c", "make setup"], ["echo", "started"]], _api.Execs.Select(e => e.Command.ToArray()));

        // Converged: further passes (the watch sees the lifecycle marks) change nothing and run nothing again.
        var writes = _api.Requests.Count(r => r.IsWorkloadWrite);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(writes, _api.Requests.Count(r => r.IsWorkloadWrite));
        Assert.Equal(2, _api.Execs.Count);
    }

    [Fact]
    public async Task A_failing_lifecycle_command_is_a_failed_condition_and_the_worker_keeps_running()
    {
        _api.OnExec(_ => new ExecReply(7, "", "setup: missing requirements.txt\n"));
        var (work, identity) = _world.CreateRepository("k8s-fail");
        work.Write(Files.WorkspaceFile, """
            version: 1
            workspaces:
              - name: broken
                deployment: k8s_pod
                host: lab
            """).Write(Files.DevcontainerFile, """{ "image": "registry.example/dev/base:1", "postCreateCommand": "make setup" }""");
        work.CommitAndPush("k8s workspace");
        _worker = await StartAsync(work.Url);
        var path = $"/api/workspaces/{identity}/broken";
        await Until(async () => Ready(await GetAsync(path)) == ("false", "NoPod"), "applied");

        WorkloadPods.Seed(_api, "broken", WorkloadPods.ReadyStatus());
        await Until(async () => Condition(await GetAsync(path), "Failed")?["reason"]?.GetValue<string>() == "LifecycleCommandFailed", "the failure shows");

        var failed = Condition(await GetAsync(path), "Failed")!["message"]!.GetValue<string>();
        Assert.Contains("exit code 7", failed, StringComparison.Ordinal);
        Assert.Contains("missing requirements.txt", failed, StringComparison.Ordinal);
        Assert.Equal(("false", "LifecycleCommandFailed"), Ready(await GetAsync(path)));
        Assert.Single(_api.Execs);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.GetAsync(new Uri(_worker.Address, "/healthz"))).StatusCode);
    }

    public async Task InitializeAsync() => _api = await KubernetesStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        Environment.SetEnvironmentVariable(_tokenVariable, null);
        await _api.DisposeAsync();
        await _world.DisposeAsync();
        Http.Dispose();
    }

    private HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    private Task<WorkerReplica> StartAsync(string url)
    {
        Environment.SetEnvironmentVariable(_tokenVariable, _token);
        return WorkerReplica.StartAsync(_api, "solo", $$"""
            version: 1
            repositories:
              - { url: {{url}}, pollInterval: 1h }
            runtimes:
              kubernetes:
                lab: { kubeconfig: kubeconfig, context: lab }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{_tokenVariable}} }
            """);
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_worker!.Address, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)!.AsObject() : new JsonObject { ["error"] = body };
    }

    private static JsonNode? Condition(JsonObject workspace, string type)
        => (workspace["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    private static (string? Status, string? Reason) Ready(JsonObject workspace)
        => Condition(workspace, "Ready") is { } ready ? (ready["status"]?.ToString(), ready["reason"]?.GetValue<string>()) : (null, null);

    private async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Prompt)
            {
                Assert.Fail($"Not within {Prompt}: {what}\n--- worker log ---\n{(_worker!.Log.Length > 8000 ? _worker.Log[^8000..] : _worker.Log)}");
            }

            await Task.Delay(50);
        }
    }
}
