using System.Net;
using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>/connect</c> on a real worker and engine: the owner's team gets every published port and the Jupyter URL with the
/// container's token, another team 404; the connection-token URL answers the same without a user token, is stored
/// only hashed, and stops working after revocation.
/// </summary>
public sealed class ConnectEndpointTests : IAsyncLifetime
{
    private readonly AccessWorld _access = new();

    private WorkerWorld World => _access.World;

    [Fact]
    public async Task The_owner_team_and_a_live_connection_token_get_every_way_in_and_others_get_404()
    {
        var (work, identity) = World.CreateRepository("cn");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: nb\n    access: { jupyter: true }\n    ports: [{ port: 8080, expose: public }]\n");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("ml"));
        work.CommitAndPush("add nb");
        await _access.StartAsync(work, hexKey: true);
        var key = new WorkspaceKey(identity, "nb");
        await _access.WaitReadyAsync(key);
        var container = await World.InspectAsync(identity, "nb");
        var jupyterToken = AccessWorld.EnvOf(container!, "JUPYTER_TOKEN");
        string HostPort(string port) => container!.HostConfig.PortBindings[port].Single().HostPort;

        var own = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/nb/connect", _access.MlToken);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        using (var json = JsonDocument.Parse(own.Body))
        {
            var root = json.RootElement;
            Assert.Equal($"http://127.0.0.1:{HostPort("8888/tcp")}/lab?token={jupyterToken}", root.GetProperty("jupyter").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("ssh").ValueKind);
            Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (root.GetProperty("vnc").ValueKind, root.GetProperty("rdp").ValueKind));
            var ports = root.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("containerPort").GetInt32(), p => p.GetProperty("address").GetString());
            Assert.Equal($"localhost:{HostPort("8080/tcp")}", ports[8080]);
            Assert.Equal($"127.0.0.1:{HostPort("8888/tcp")}", ports[8888]);
        }

        var other = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/nb/connect", _access.WebToken);
        var missing = await _access.SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/none/connect", _access.WebToken);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.Status, missing.Status));
        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/connect-token", _access.WebToken)).Status);

        var issued = await _access.SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/connect-token", _access.MlToken);
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        var path = JsonDocument.Parse(issued.Body).RootElement.GetProperty("path").GetString()!;
        Assert.Matches("^/connect/default/local/[^/]+/nb/[0-9a-f]{32}$", path);
        var connectionToken = path[^32..];

        var byToken = await _access.SendAsync(HttpMethod.Get, path, null);
        Assert.Equal((HttpStatusCode.OK, own.Body), (byToken.Status, byToken.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Get, path[..^32] + new string('0', 32), null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Get, path.Replace("/local/", "/eu-1/", StringComparison.Ordinal), null)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Delete, $"/api/workspaces/{identity}/nb/connect-token", _access.WebToken)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _access.SendAsync(HttpMethod.Delete, $"/api/workspaces/{identity}/nb/connect-token", _access.MlToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _access.SendAsync(HttpMethod.Get, path, null)).Status);

        await World.StopAsync();
        var database = World.DatabaseBytes();
        Assert.False(Secrets.Contains(database, connectionToken), "the connection token is in the database in plaintext");
        Assert.False(Secrets.Contains(database, jupyterToken), "the Jupyter token is in the database in plaintext");
        Assert.DoesNotContain(connectionToken, World.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(jupyterToken, World.Log, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _access.DisposeAsync();
}
