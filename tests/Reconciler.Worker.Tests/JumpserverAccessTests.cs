using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>access.jumpserver: true</c> against a Jumpserver stand-in on 127.0.0.1 that checks the access-key signature and
/// every request's shape: a workspace is registered as a host asset with its VNC/RDP host ports and granted to its
/// owner on create; during an outage a new workspace still runs and gets the condition Degraded, and is registered
/// once Jumpserver is back; a workspace removed from the file is deregistered (asset and permission deleted).
/// </summary>
public sealed class JumpserverAccessTests : IAsyncLifetime
{
    private const string Workspaces = "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n";
    private const string Desk = "  - name: {0}\n    type: desktop\n    access: { vnc: true, rdp: true, jumpserver: true }\n";

    private readonly AccessWorld _access = new();
    private readonly JumpserverStandIn _jumpserver = new();

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task Registers_on_create_degrades_during_an_outage_recovers_and_deregisters_on_delete()
    {
        await _jumpserver.StartAsync();
        var aliceId = _jumpserver.AddUser("alice");
        var (work, identity) = World.CreateRepository("jms");
        work.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "one", StringComparison.Ordinal));
        work.Write(Files.DevcontainerFile, Files.Devcontainer("jms"));
        work.CommitAndPush("add one");
        await File.WriteAllTextAsync(Path.Combine(_access.Folder, "jms.id"), JumpserverStandIn.KeyId);
        await File.WriteAllTextAsync(Path.Combine(_access.Folder, "jms.secret"), JumpserverStandIn.KeySecret + "\n");
        await _access.StartAsync(work, $"""
            access:
              jumpserver:
                url: {_jumpserver.Url}
                keyIdFile: jms.id
                keySecretFile: jms.secret
                node: {JumpserverStandIn.Node}
                retryInterval: 1s

            """);
        var one = new WorkspaceKey(identity, "one");
        await _access.WaitReadyAsync(one);
        await World.EventuallyAsync(async () => (await DegradedAsync(one)).Status == false, TimeSpan.FromSeconds(30), "workspace one is registered");

        var container = await World.InspectAsync(identity, "one");
        var host = HostOf("one")!;
        Assert.Equal("127.0.0.1", (string?)host["address"]);
        Assert.Equal(
            new[] { ("rdp", HostPort(container!, "3389/tcp")), ("vnc", HostPort(container!, "5900/tcp")) },
            host["protocols"]!.AsArray().Select(p => ((string)p!["name"]!, (int)p["port"]!)).OrderBy(p => p.Item1));
        var permission = Assert.Single(_jumpserver.Permissions.Values);
        Assert.Equal(aliceId, (string?)permission["users"]![0]!["pk"]);
        Assert.Equal((string?)host["id"], (string?)permission["assets"]![0]!["pk"]);
        Assert.Equal((false, "JumpserverRegistered"), await DegradedAsync(one));
        var connect = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/one/connect", _access.MlToken);
        Assert.Equal(
            $"{_jumpserver.Url}luna/?login_to={host["id"]}&type=asset",
            JsonDocument.Parse(connect.Body).RootElement.GetProperty("jumpserver").GetString());

        // Outage: a workspace added now still runs, reported Degraded; it is registered when Jumpserver answers again.
        await _jumpserver.StopAsync();
        work.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "one", StringComparison.Ordinal) + Desk.Replace("{0}", "two", StringComparison.Ordinal));
        work.CommitAndPush("add two");
        Assert.Equal(HttpStatusCode.Accepted, (await _access.SendAsync(HttpMethod.Post, $"/api/repositories/{identity}/sync", _access.MlToken)).Status);
        var two = new WorkspaceKey(identity, "two");
        await World.EventuallyAsync(async () => (await DegradedAsync(two)).Status == true, TimeSpan.FromSeconds(60), "workspace two is Degraded");
        Assert.Equal("JumpserverUnavailable", (await DegradedAsync(two)).Reason);
        Assert.True((await World.InspectAsync(identity, "two"))!.State.Running, "workspace two runs without Jumpserver");
        Assert.True(await ReadyAsync(two), "workspace two is Ready while Degraded");

        await _jumpserver.StartAsync();
        await World.EventuallyAsync(async () => HostOf("two") is not null && (await DegradedAsync(two)).Status == false, TimeSpan.FromSeconds(30), "workspace two is registered after the outage");
        Assert.Equal(2, _jumpserver.Permissions.Count);

        // Delete: removing one from the file removes its container, its asset and its permission.
        var oneAsset = (string)HostOf("one")!["id"]!;
        work.Write(Files.WorkspaceFile, Workspaces + Desk.Replace("{0}", "two", StringComparison.Ordinal));
        work.CommitAndPush("remove one");
        Assert.Equal(HttpStatusCode.Accepted, (await _access.SendAsync(HttpMethod.Post, $"/api/repositories/{identity}/sync", _access.MlToken)).Status);
        await World.EventuallyAsync(() => Task.FromResult(HostOf("one") is null), TimeSpan.FromSeconds(60), "workspace one is deregistered");
        Assert.DoesNotContain(_jumpserver.Permissions.Values, p => (string?)p["assets"]![0]!["pk"] == oneAsset);
        Assert.Single(_jumpserver.Permissions.Values);
        Assert.Null(await World.InspectAsync(identity, "one"));

        await World.StopAsync();
        Assert.Empty(_jumpserver.Problems);
        Assert.DoesNotContain(JumpserverStandIn.KeySecret, World.Log, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _access.DisposeAsync();
        await _jumpserver.DisposeAsync();
    }

    private JsonObject? HostOf(string workspace)
        => _jumpserver.Hosts.Values.FirstOrDefault(h => ((string?)h["name"])?.Contains($"-{workspace}-", StringComparison.Ordinal) == true);

    private static int HostPort(Docker.DotNet.Models.ContainerInspectResponse container, string port)
        => int.Parse(container.HostConfig.PortBindings[port].Single().HostPort, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(bool? Status, string? Reason)> DegradedAsync(WorkspaceKey key)
        => (await World.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Degraded) is { } degraded
            ? (degraded.Status, degraded.Reason)
            : (null, null);

    private async Task<bool> ReadyAsync(WorkspaceKey key)
        => (await World.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true;
}
