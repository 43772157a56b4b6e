using System.Net;
using System.Security.Cryptography;
using Reconciler.GitHub.StandIn;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Pull-request checks end to end: a signed pull_request delivery → the worker fetches refs/pull/N/head from the git
/// daemon, evaluates it with its policies, plans against the real engine, and reports to the GitHub stand-in, which
/// validates every request against GitHub's OpenAPI description. Nothing from a pull request is ever deployed.
/// </summary>
public sealed class PullRequestCheckTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly TempDirectory _folder = new("reconciler-prcheck");
    private readonly string _secretVariable = "RC_TEST_PR_WEBHOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _tokenVariable = "RC_TEST_PR_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secret = "whsec-" + Guid.NewGuid().ToString("N");
    private readonly string _token = "ghp_" + Guid.NewGuid().ToString("N");
    private GitHubStandIn _github = null!;

    [Fact]
    public async Task A_token_posts_commit_statuses_and_a_violating_head_is_never_deployed()
    {
        var (work, identity) = await StartWithMainAsync($"tokenEnv: {_tokenVariable}");
        _github.Auth.AllowToken(_token);
        var running = (await _world.InspectAsync(identity, "web"))!;

        var violating = PushPrivilegedHead(work, 7);
        await PostAsync(identity, "opened", 7, violating);
        await _world.EventuallyAsync(() => Task.FromResult(_github.Statuses.Any(s => s.Sha == violating)), TimeSpan.FromSeconds(30), "a status for the head");

        var status = Assert.Single(_github.Statuses);
        Assert.Equal(("failure", "reconciler"), (status.State, status.Context));
        Assert.Contains("1 policy violation block 1 workspace", status.Description, StringComparison.Ordinal);
        Assert.Equal($"http://{identity}/pull/7", status.TargetUrl);

        work.Write(Files.DevcontainerFile, Files.Devcontainer("fixed"));
        var fixedHead = work.CommitAndPushRef("fix", "refs/pull/7/head");
        await PostAsync(identity, "synchronize", 7, fixedHead);
        await _world.EventuallyAsync(() => Task.FromResult(_github.Statuses.Any(s => s.Sha == fixedHead)), TimeSpan.FromSeconds(30), "a status for the fixed head");
        Assert.Equal("success", _github.Statuses.Single(s => s.Sha == fixedHead).State);

        Assert.Empty(_github.Violations);
        var after = (await _world.InspectAsync(identity, "web"))!;
        Assert.Equal(running.ID, after.ID);
        Assert.Contains("GREETING=one", after.Config.Env);
        Assert.DoesNotContain(_token, _world.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_posts_a_check_run_with_annotations_and_the_plan_and_a_fork_is_evaluated_only()
    {
        using var key = RSA.Create(2048);
        _github.Auth.TrustApp(4711, key);
        var keyFile = _folder.Write("app.pem", key.ExportRSAPrivateKeyPem());
        var (work, identity) = await StartWithMainAsync($"appId: 4711, privateKeyFile: {keyFile}");
        var running = (await _world.InspectAsync(identity, "web"))!;

        var head = PushPrivilegedHead(work, 9);
        await PostAsync(identity, "opened", 9, head, fork: true);
        await _world.EventuallyAsync(() => Task.FromResult(_github.CheckRuns.Any(r => r.HeadSha == head && r.Status == "completed")), TimeSpan.FromSeconds(30), "a completed check run");

        var run = Assert.Single(_github.CheckRuns);
        Assert.Equal(("reconciler", "failure"), (run.Name, run.Conclusion));
        var annotation = Assert.Single(run.Annotations);
        Assert.Equal((".devcontainer/devcontainer.json", "failure"), ((string)annotation["path"]!, (string)annotation["annotation_level"]!));
        Assert.Contains("| `web` | blocked |", run.Summary, StringComparison.Ordinal);
        Assert.Contains("From a fork: evaluated only", run.Summary, StringComparison.Ordinal);
        Assert.Empty(_github.Violations);
        Assert.Equal(running.ID, (await _world.InspectAsync(identity, "web"))!.ID);
        Assert.DoesNotContain(key.ExportRSAPrivateKeyPem()[40..90], _world.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_credentials_are_logged_and_counted_and_the_worker_keeps_serving()
    {
        var (work, identity) = await StartWithMainAsync($"tokenEnv: {_tokenVariable}");
        _github.Auth.AllowToken(_token);
        _github.Auth.RejectAll = true;

        var head = PushPrivilegedHead(work, 3);
        await PostAsync(identity, "opened", 3, head);
        await _world.EventuallyAsync(() => Task.FromResult(_world.Log.Contains("refused the credentials (401)", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the 401 is logged");
        using (var metrics = await _world.Http.GetAsync(new Uri(_world.Address, "/metrics")))
        {
            Assert.Contains("reconciler_github_reports_total{result=\"unauthorized\"} 1", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        _github.Auth.RejectAll = false;
        using (var health = await _world.Http.GetAsync(new Uri(_world.Address, "/healthz")))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await PostAsync(identity, "reopened", 3, head);
        await _world.EventuallyAsync(() => Task.FromResult(_github.Statuses.Any(s => s.Sha == head)), TimeSpan.FromSeconds(30), "the next delivery is reported");
        Assert.Empty(_github.Violations);
    }

    [Fact]
    public async Task A_rate_limit_is_not_a_refusal_and_the_check_is_posted_once_it_lifts()
    {
        var (work, identity) = await StartWithMainAsync($"tokenEnv: {_tokenVariable}");
        _github.Auth.AllowToken(_token);
        // Beyond the one minute a call waits in place; whole seconds, as x-ratelimit-reset carries it.
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(66).ToUnixTimeSeconds());
        _github.RateLimitNext("repos/create-commit-status", StandInRateLimit.Primary(reset));

        var head = PushPrivilegedHead(work, 5);
        await PostAsync(identity, "opened", 5, head);
        await _world.EventuallyAsync(() => Task.FromResult(_world.Log.Contains("rate-limited by GitHub; queued again", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the deferred check is logged");
        using (var metrics = await _world.Http.GetAsync(new Uri(_world.Address, "/metrics")))
        {
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.Contains("reconciler_github_reports_total{result=\"rate_limited\"} 1", text, StringComparison.Ordinal);
            Assert.Contains("reconciler_github_reports_total{result=\"unauthorized\"} 0", text, StringComparison.Ordinal);
            Assert.Contains("reconciler_github_rate_limited_total 1", text, StringComparison.Ordinal);
        }

        Assert.Empty(_github.Statuses);
        await _world.EventuallyAsync(() => Task.FromResult(_github.Statuses.Any(s => s.Sha == head)), TimeSpan.FromSeconds(120), "the check is posted after the reset");
        Assert.True(DateTimeOffset.UtcNow >= reset, "posted before GitHub's reset");
        Assert.Equal([403, 201], _github.Requests.Where(r => r.OperationId == "repos/create-commit-status").Select(r => r.Status));
        Assert.Equal("failure", Assert.Single(_github.Statuses).State);
        Assert.Empty(_github.Violations);
    }

    public async Task InitializeAsync()
    {
        _github = await GitHubStandIn.StartAsync();
        Environment.SetEnvironmentVariable(_secretVariable, _secret);
        Environment.SetEnvironmentVariable(_tokenVariable, _token);
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        await _github.DisposeAsync();
        _folder.Dispose();
        Environment.SetEnvironmentVariable(_secretVariable, null);
        Environment.SetEnvironmentVariable(_tokenVariable, null);
    }

    /// <summary>A repository whose main branch runs <c>web</c>, and the worker with the no-privileged policy and the given GitHub credentials.</summary>
    private async Task<(Reconciler.TestKit.Git.WorkRepository Work, string Identity)> StartWithMainAsync(string credentials)
    {
        var policies = Path.Combine(_folder.Path, "policies");
        Directory.CreateDirectory(policies);
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "policies", "no-privileged.yaml"), Path.Combine(policies, "no-privileged.yaml"), overwrite: true);
        var (work, identity) = _world.CreateRepository("prcheck");
        work.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("one"));
        work.CommitAndPush("add web");
        await _world.StartAsync($"""
            version: 1
            policies: {policies}
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            webhooks: {"{"} secretEnv: {_secretVariable} {"}"}
            github: {"{"} apiUrl: "{_github.BaseUrl}", {credentials} {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, TimeSpan.FromSeconds(30), "main runs");
        return (work, identity);
    }

    private static string PushPrivilegedHead(Reconciler.TestKit.Git.WorkRepository work, int number)
    {
        work.Write(Files.DevcontainerFile, $$"""
            {
              "image": "{{LocalImages.Busybox}}",
              "runArgs": ["--privileged"],
              "containerEnv": { "GREETING": "pr" }
            }
            """);
        return work.CommitAndPushRef("privileged", $"refs/pull/{number}/head");
    }

    private async Task PostAsync(string identity, string action, int number, string head, bool fork = false)
    {
        using var response = await _world.PostWebhookAsync(PullRequestPayloads.For(identity, action, number, head, fork), _secret, "pull_request");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
