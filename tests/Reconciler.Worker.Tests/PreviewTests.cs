using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Core.Desired;
using Reconciler.TestKit;
using Reconciler.Worker.Previews;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Pull-request previews on the real Docker engine: opened creates <c>web-pr-N</c> from the head, synchronize
/// recreates it, a push to main converges main without touching the preview, closed removes it with its volumes;
/// a fork gets nothing; a passed ttl removes it, also when it passed while the worker was down.
/// </summary>
public sealed class PreviewTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _secretVariable = "RC_TEST_PREVIEW_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _secret = "whsec-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Opened_creates_synchronize_recreates_closed_removes_and_main_is_left_alone()
    {
        var within = TimeSpan.FromSeconds(30);
        var (work, identity) = await StartAsync();
        _world.Track(PreviewNames.Scope(identity, 5));
        var main = (await _world.InspectAsync(identity, "web"))!;
        var preview = PreviewNames.Key(identity, 5, "web");
        Assert.Equal("web-pr-5", preview.Workspace);

        work.Write(Files.DevcontainerFile, Files.Devcontainer("pr-one"));
        var first = work.CommitAndPushRef("pr one", "refs/pull/5/head");
        await PostAsync(identity, "opened", 5, first);
        await _world.EventuallyAsync(async () => (await InspectAsync(preview))?.State.Running == true, within, "the preview runs");
        var created = (await InspectAsync(preview))!;
        Assert.Contains("GREETING=pr-one", created.Config.Env);

        // The preview has a status row like any workspace: the status API and `reconciler status` list it.
        var store = _world.Services.GetRequiredService<Reconciler.Core.State.IStateStore>();
        var listed = await store.ListWorkspaceStatusesAsync(Reconciler.Core.State.WorkspaceStatusQuery.All, CancellationToken.None);
        var status = Assert.Single(listed, s => s.Key == preview);
        Assert.Contains(status.Conditions, c => c is { Type: Reconciler.Core.State.WorkspaceConditionType.Ready, Status: true, Reason: "Created" } && c.ObservedCommit == first);
        Assert.Contains("web-pr-5", created.Name, StringComparison.Ordinal);
        Assert.Equal(PreviewNames.Scope(identity, 5), created.Config.Labels[OwnershipLabels.Repository]);

        work.Write(Files.DevcontainerFile, Files.Devcontainer("pr-two"));
        var second = work.CommitAndPushRef("pr two", "refs/pull/5/head");
        await PostAsync(identity, "synchronize", 5, second);
        await _world.EventuallyAsync(
            async () => await InspectAsync(preview) is { State.Running: true } now && now.ID != created.ID && now.Config.Env.Contains("GREETING=pr-two"),
            within,
            "the preview is recreated from the new head");
        var updated = (await InspectAsync(preview))!;

        // A pass of the repository itself converges main and never sees the preview.
        GitCli(work, "checkout", "--quiet", "-B", "main", "origin/main");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("main-two"));
        var mainCommit = work.CommitAndPush("main two");
        using (var push = await _world.PostWebhookAsync(Files.PushPayload(identity, mainCommit), _secret))
        {
            Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        }

        await _world.EventuallyAsync(
            async () => await _world.InspectAsync(identity, "web") is { State.Running: true } now && now.ID != main.ID && now.Config.Env.Contains("GREETING=main-two"),
            within,
            "main converges");
        Assert.Equal(updated.ID, (await InspectAsync(preview))!.ID);

        await PostAsync(identity, "closed", 5, second);
        await _world.EventuallyAsync(async () => await InspectAsync(preview) is null, within, "the preview is removed");
        await _world.EventuallyAsync(async () => (await VolumesAsync(PreviewNames.Scope(identity, 5))).Count == 0, within, "its volumes are removed");
        await _world.EventuallyAsync(async () => await store.GetWorkspaceStatusAsync(preview, CancellationToken.None) is null, within, "its status row is removed");
        Assert.True((await _world.InspectAsync(identity, "web"))!.State.Running);
    }

    [Fact]
    public async Task A_fork_gets_no_preview()
    {
        var (work, identity) = await StartAsync();
        _world.Track(PreviewNames.Scope(identity, 6));
        work.Write(Files.DevcontainerFile, Files.Devcontainer("fork"));
        var head = work.CommitAndPushRef("from a fork", "refs/pull/6/head");

        await PostAsync(identity, "opened", 6, head, fork: true);

        await _world.EventuallyAsync(
            () => Task.FromResult(_world.Log.Contains("No previews for " + identity + "#6: the pull request comes from a fork", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30),
            "the fork is skipped");
        Assert.Null(await InspectAsync(PreviewNames.Key(identity, 6, "web")));
        Assert.Empty(await VolumesAsync(PreviewNames.Scope(identity, 6)));
    }

    [Fact]
    public async Task A_preview_is_removed_when_its_ttl_passes()
    {
        var (work, identity) = await StartAsync(ttl: "1s");
        _world.Track(PreviewNames.Scope(identity, 8));
        var preview = PreviewNames.Key(identity, 8, "web");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("short-lived"));
        var head = work.CommitAndPushRef("short", "refs/pull/8/head");
        await PostAsync(identity, "opened", 8, head);
        await _world.EventuallyAsync(async () => (await InspectAsync(preview))?.State.Running == true, TimeSpan.FromSeconds(30), "the preview runs");

        // The sweep runs every minute; run it now, once the ttl has passed.
        var expiries = _world.Services.GetRequiredService<PreviewExpiries>();
        await _world.EventuallyAsync(() => Task.FromResult(expiries.ExpiresAt(identity, 8) is not null), TimeSpan.FromSeconds(30), "the expiry is recorded");
        var expiresAt = expiries.ExpiresAt(identity, 8)!.Value;
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(100) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        await _world.Services.GetRequiredService<PreviewManager>().ExpireAsync(CancellationToken.None);

        Assert.Null(await InspectAsync(preview));
        Assert.Null(expiries.ExpiresAt(identity, 8));
        Assert.True((await _world.InspectAsync(identity, "web"))!.State.Running);
    }

    [Fact]
    public async Task A_restarted_worker_removes_a_preview_whose_ttl_passed_while_it_was_down()
    {
        var (work, identity) = await StartAsync(ttl: "2s");
        _world.Track(PreviewNames.Scope(identity, 12));
        var preview = PreviewNames.Key(identity, 12, "web");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("outlives-the-worker"));
        var head = work.CommitAndPushRef("short", "refs/pull/12/head");
        await PostAsync(identity, "opened", 12, head);
        await _world.EventuallyAsync(async () => (await InspectAsync(preview))?.State.Running == true, TimeSpan.FromSeconds(30), "the preview runs");
        await _world.EventuallyAsync(() => Task.FromResult(_world.Services.GetRequiredService<PreviewExpiries>().ExpiresAt(identity, 12) is not null), TimeSpan.FromSeconds(30), "the expiry is recorded");
        var expiresAt = _world.Services.GetRequiredService<PreviewExpiries>().ExpiresAt(identity, 12)!.Value;

        var config = await File.ReadAllTextAsync(_world.ConfigPath);
        await _world.StopAsync();
        Assert.True((await InspectAsync(preview))?.State.Running, "the preview is left running while the worker is down");
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);

        await _world.StartAsync(config);
        // The removal forgets the expiry after the container and its volumes are gone: wait for the end of it.
        await _world.EventuallyAsync(
            async () => await InspectAsync(preview) is null && _world.Services.GetRequiredService<PreviewExpiries>().ExpiresAt(identity, 12) is null,
            TimeSpan.FromSeconds(30),
            "the expired preview is removed after the restart and its expiry forgotten");
        Assert.Empty(await VolumesAsync(PreviewNames.Scope(identity, 12)));
        Assert.True((await _world.InspectAsync(identity, "web"))!.State.Running);
    }

    public Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable(_secretVariable, _secret);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }

    private async Task<(Reconciler.TestKit.Git.WorkRepository Work, string Identity)> StartAsync(string ttl = "3d")
    {
        var (work, identity) = _world.CreateRepository("preview");
        work.Write(Files.WorkspaceFile, Files.Workspace() + $"\n    previews: {{ enabled: true, ttl: {ttl} }}\n").Write(Files.DevcontainerFile, Files.Devcontainer("one"));
        work.CommitAndPush("add web");
        await _world.StartAsync($"""
            version: 1
            repositories:
              - url: {work.Url}
                pollInterval: 1h
            server: {"{"} listen: "http://127.0.0.1:0" {"}"}
            webhooks: {"{"} secretEnv: {_secretVariable} {"}"}
            previews: {"{"} enabled: true {"}"}
            worker: {"{"} resyncInterval: 1h {"}"}
            """);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "web"))?.State.Running == true, TimeSpan.FromSeconds(30), "main runs");
        return (work, identity);
    }

    private async Task<Docker.DotNet.Models.ContainerInspectResponse?> InspectAsync(WorkspaceKey key)
    {
        try
        {
            return await _world.Docker.Containers.InspectContainerAsync(WorkspaceNames.Base(key));
        }
        catch (Docker.DotNet.DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private async Task<IList<Docker.DotNet.Models.VolumeResponse>> VolumesAsync(string scope)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={scope}"] = true } };
        return (await _world.Docker.Volumes.ListAsync(new Docker.DotNet.Models.VolumesListParameters { Filters = filter })).Volumes ?? [];
    }

    private static void GitCli(Reconciler.TestKit.Git.WorkRepository work, params string[] args) => Reconciler.TestKit.Git.GitCli.Run(work.Path, args);

    private async Task PostAsync(string identity, string action, int number, string head, bool fork = false)
    {
        using var response = await _world.PostWebhookAsync(PullRequestPayloads.For(identity, action, number, head, fork), _secret, "pull_request");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
