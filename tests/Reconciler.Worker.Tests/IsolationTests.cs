using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A repository whose URL refuses connections and one whose workspace file is a YAML bomb, configured beside a
/// healthy one: the healthy one converges within its normal time; the broken ones get Failed / Stalled state;
/// the git token and the webhook secret appear in no log line and nowhere in the database.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _tokenVariable = "RC_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secretVariable = "RC_TEST_SECRET_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _token = "ghp_" + Guid.NewGuid().ToString("N") + "TOKEN";
    private readonly string _secret = "whsec-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Broken_repositories_do_not_hold_back_a_healthy_one()
    {
        var (healthy, healthyIdentity) = _world.CreateRepository("healthy");
        healthy.Write(Files.WorkspaceFile, Files.Workspace()).Write(Files.DevcontainerFile, Files.Devcontainer("ok"));
        healthy.CommitAndPush("add web");
        var (bomb, bombIdentity) = _world.CreateRepository("bomb");
        bomb.Write(Files.WorkspaceFile, Files.YamlBomb).Write(Files.DevcontainerFile, Files.Devcontainer("never"));
        var bombCommit = bomb.CommitAndPush("a billion laughs");
        var unreachableUrl = $"http://127.0.0.1:{Reconciler.TestKit.Git.GitDaemon.FreePort()}/acme/private.git";
        var unreachableIdentity = Core.Repositories.RepositoryIdentity.FromUrl(unreachableUrl);
        _world.Track(unreachableIdentity);
        Environment.SetEnvironmentVariable(_tokenVariable, _token);
        Environment.SetEnvironmentVariable(_secretVariable, _secret);

        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {unreachableUrl}
                credentials: {"{"} tokenEnv: {_tokenVariable} {"}"}
                pollInterval: 1s
              - url: {bomb.Url}
                pollInterval: 1s
              - url: {healthy.Url}
                pollInterval: 1s
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            webhooks: {"{"} secretEnv: {_secretVariable} {"}"}
            worker: {"{"} concurrency: 2, resyncInterval: 1h {"}"}
            """);

        // Alone, the healthy repository converges in about a second; 20 s is its normal time with slack for a busy machine.
        await _world.EventuallyAsync(
            async () => (await _world.InspectAsync(healthyIdentity, "web"))?.State.Running == true, TimeSpan.FromSeconds(20), "the healthy repository converges");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(new WorkspaceKey(healthyIdentity, "web"), CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true,
            TimeSpan.FromSeconds(10),
            "the healthy workspace is Ready");

        // The unreachable repository: Failed with the git error, retried with backoff.
        await _world.EventuallyAsync(async () => (await _world.Store.GetRepositoryAsync(unreachableIdentity, CancellationToken.None))?.LastError is not null, TimeSpan.FromSeconds(10), "the unreachable repository records its error");
        var unreachable = (await _world.Store.GetRepositoryAsync(unreachableIdentity, CancellationToken.None))!;
        Assert.StartsWith("git Unreachable", unreachable.LastError, StringComparison.Ordinal);
        Assert.Null(unreachable.LastSeenCommit);

        // The YAML bomb: Stalled with the located diagnostic; nothing was created for it.
        var stalled = (await _world.Store.GetRepositoryAsync(bombIdentity, CancellationToken.None))!;
        Assert.Equal(bombCommit, stalled.LastSeenCommit);
        Assert.Null(stalled.LastAppliedCommit);
        Assert.StartsWith("Stalled: invalid workspace files", stalled.LastError, StringComparison.Ordinal);
        Assert.Contains(".daytona/workspace.yaml:2:", stalled.LastError, StringComparison.Ordinal);
        var events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: bombIdentity), CancellationToken.None);
        var validate = Assert.Single(events);
        Assert.Equal(("validate", "stalled", "Test <test@example.com>"), (validate.Action, validate.Result, validate.Actor));
        Assert.Null(await _world.InspectAsync(bombIdentity, "web"));

        await _world.StopAsync();
        Assert.Contains(unreachableIdentity, _world.Log, StringComparison.Ordinal);
        foreach (var secret in new[] { _token, _secret })
        {
            Assert.DoesNotContain(secret, _world.Log, StringComparison.Ordinal);
            Assert.False(Secrets.Contains(_world.DatabaseBytes(), secret), "a secret is in the database");
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_tokenVariable, null);
        Environment.SetEnvironmentVariable(_secretVariable, null);
        await _world.DisposeAsync();
    }
}
