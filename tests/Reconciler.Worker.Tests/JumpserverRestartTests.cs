using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// Jumpserver registrations survive a worker restart (database, migration 0007): while the worker is down, a workspace
/// is removed from its file and its container is gone too (so no pass will ever plan its removal), and another
/// repository is dropped from the configuration; after the restart both assets and permissions are deleted on the
/// stand-in, and the unchanged workspace is not registered again (no asset create or update).
/// </summary>
public sealed class JumpserverRestartTests : IAsyncLifetime
{
    private const string Workspaces = "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n";
    private const string Desk = "  - name: {0}\n    type: desktop\n    access: { vnc: true, jumpserver: true }\n";

    private readonly AccessWorld _access = new();
    private readonly JumpserverStandIn _jumpserver = new();

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task A_restarted_worker_deregisters_what_was_removed_while_it_was_down_and_does_not_register_again()
    {
        await _jumpserver.StartAsync();
        _jumpserver.AddUser("alice");
        var (work, identity) = World.CreateRepository("jmr");
        work.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "keep", StringComparison.Ordinal) + Desk.Replace("{0}", "gone", StringComparison.Ordinal));
        work.Write(Files.DevcontainerFile, Files.Devcontainer("jmr"));
        work.CommitAndPush("add keep and gone");
        var (dropped, droppedIdentity) = World.CreateRepository("jmd");
        dropped.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "lone", StringComparison.Ordinal));
        dropped.Write(Files.DevcontainerFile, Files.Devcontainer("jmd"));
        dropped.CommitAndPush("add lone");
        await File.WriteAllTextAsync(Path.Combine(_access.Folder, "jms.id"), JumpserverStandIn.KeyId);
        await File.WriteAllTextAsync(Path.Combine(_access.Folder, "jms.secret"), JumpserverStandIn.KeySecret);
        await File.WriteAllTextAsync(Path.Combine(_access.Folder, "secrets.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        await World.StartAsync(Config(work.Url, dropped.Url));
        var keep = new WorkspaceKey(identity, "keep");
        var gone = new WorkspaceKey(identity, "gone");
        var lone = new WorkspaceKey(droppedIdentity, "lone");
        foreach (var key in new[] { keep, gone, lone })
        {
            await World.EventuallyAsync(async () => await RegisteredAsync(key), TimeSpan.FromSeconds(90), $"{key} is registered");
        }

        Assert.Equal(3, _jumpserver.Hosts.Count);
        Assert.Equal(3, _jumpserver.Permissions.Count);
        var keepAsset = (string)HostOf("keep")!["id"]!;
        await World.StopAsync();

        // While the worker is down: gone leaves the file and its container is removed by hand; jmd leaves the configuration.
        work.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "keep", StringComparison.Ordinal));
        work.CommitAndPush("remove gone");
        await World.Docker.Containers.RemoveContainerAsync(World.ContainerName(identity, "gone"), new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        await World.Docker.Containers.RemoveContainerAsync(World.ContainerName(droppedIdentity, "lone"), new Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        var before = _jumpserver.Requests.Count;

        await World.StartAsync(Config(work.Url));
        await World.EventuallyAsync(
            () => Task.FromResult(HostOf("gone") is null && HostOf("lone") is null),
            TimeSpan.FromSeconds(90),
            "the assets of gone and lone are deleted after the restart");
        var keptHost = Assert.Single(_jumpserver.Hosts.Values);
        Assert.Equal(keepAsset, (string?)keptHost["id"]);
        Assert.Equal(keepAsset, (string?)Assert.Single(_jumpserver.Permissions.Values)["assets"]![0]!["pk"]);

        // keep is unchanged: the restarted worker knows its registration and sends Jumpserver no create or update for it.
        await _access.WaitReadyAsync(keep, "keep is ready after the restart");
        var connect = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/keep/connect", _access.MlToken);
        Assert.Contains($"login_to={keepAsset}", connect.Body, StringComparison.Ordinal);
        var after = _jumpserver.Requests.Skip(before).ToList();
        Assert.DoesNotContain(after, r => r.StartsWith("POST /api/v1/assets/hosts/", StringComparison.Ordinal) || r.StartsWith("PUT /api/v1/assets/hosts/", StringComparison.Ordinal));
        Assert.Contains(after, r => r.StartsWith("DELETE /api/v1/assets/hosts/", StringComparison.Ordinal));

        await World.StopAsync();
        Assert.Empty(_jumpserver.Problems);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _access.DisposeAsync();
        await _jumpserver.DisposeAsync();
    }

    private string Config(params string[] urls)
    {
        File.WriteAllText(Path.Combine(_access.Folder, "ml.token"), _access.MlToken);
        File.WriteAllText(Path.Combine(_access.Folder, "web.token"), _access.WebToken);
        return $$"""
            version: 1
            repositories:
            {{string.Concat(urls.Select(u => $"  - {{ url: {u}, pollInterval: 1h }}\n"))}}
            database: { secretsKeyFile: secrets.key }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            api:
              tokens:
                - { name: ml, role: team, team: ml-research, tokenFile: ml.token }
                - { name: web, role: team, team: web-team, tokenFile: web.token }
            access:
              jumpserver:
                url: {{_jumpserver.Url}}
                keyIdFile: jms.id
                keySecretFile: jms.secret
                node: {{JumpserverStandIn.Node}}
                retryInterval: 1s
            """;
    }

    private async Task<bool> RegisteredAsync(WorkspaceKey key)
        => (await World.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Degraded) is { Status: false };

    private JsonObject? HostOf(string workspace)
        => _jumpserver.Hosts.Values.FirstOrDefault(h => ((string?)h["name"])?.Contains($"-{workspace}-", StringComparison.Ordinal) == true);
}
