using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>/connect</c> on a real worker and engine: the owner's team gets every published port and the Jupyter URL with the
/// container's token, another team 404; the connection-token URL answers the same without a user token, is stored
/// only hashed, and stops working after revocation.
/// </summary>
public sealed class ConnectEndpointTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _mlToken = "ml-" + Guid.NewGuid().ToString("N");
    private readonly string _webToken = "web-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_owner_team_and_a_live_connection_token_get_every_way_in_and_others_get_404()
    {
        var (work, identity) = _world.CreateRepository("cn");
        work.Write(Files.WorkspaceFile, "version: 1\ndefaults: { team: ml-research, owner: alice }\nworkspaces:\n  - name: nb\n    access: { jupyter: true }\n    ports: [{ port: 8080, expose: public }]\n");
        work.Write(Files.DevcontainerFile, Files.Devcontainer("ml"));
        work.CommitAndPush("add nb");
        var folder = Path.GetDirectoryName(_world.ConfigPath)!;
        await File.WriteAllTextAsync(Path.Combine(folder, "secrets.key"), Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        await File.WriteAllTextAsync(Path.Combine(folder, "ml.token"), _mlToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "web.token"), _webToken);
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            database: { secretsKeyFile: secrets.key }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            api:
              tokens:
                - { name: ml, role: team, team: ml-research, tokenFile: ml.token }
                - { name: web, role: team, team: web-team, tokenFile: web.token }
            """);
        var key = new WorkspaceKey(identity, "nb");
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true,
            TimeSpan.FromSeconds(60),
            "the workspace is ready");
        var container = await _world.InspectAsync(identity, "nb");
        var jupyterToken = container!.Config.Env.Single(e => e.StartsWith("JUPYTER_TOKEN=", StringComparison.Ordinal))["JUPYTER_TOKEN=".Length..];
        string HostPort(string port) => container.HostConfig.PortBindings[port].Single().HostPort;

        var own = await SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/nb/connect", _mlToken);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        using (var json = JsonDocument.Parse(own.Body))
        {
            var root = json.RootElement;
            Assert.Equal($"http://127.0.0.1:{HostPort("8888/tcp")}/lab?token={jupyterToken}", root.GetProperty("jupyter").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("ssh").ValueKind);
            var ports = root.GetProperty("ports").EnumerateArray().ToDictionary(p => p.GetProperty("containerPort").GetInt32(), p => p.GetProperty("address").GetString());
            Assert.Equal($"localhost:{HostPort("8080/tcp")}", ports[8080]);
            Assert.Equal($"127.0.0.1:{HostPort("8888/tcp")}", ports[8888]);
        }

        var other = await SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/nb/connect", _webToken);
        var missing = await SendAsync(HttpMethod.Get, $"/api/workspaces/{identity}/none/connect", _webToken);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.Status, missing.Status));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/connect-token", _webToken)).Status);

        var issued = await SendAsync(HttpMethod.Post, $"/api/workspaces/{identity}/nb/connect-token", _mlToken);
        Assert.Equal(HttpStatusCode.Created, issued.Status);
        var path = JsonDocument.Parse(issued.Body).RootElement.GetProperty("path").GetString()!;
        Assert.Matches("^/connect/default/local/[^/]+/nb/[0-9a-f]{32}$", path);
        var connectionToken = path[^32..];

        var byToken = await SendAsync(HttpMethod.Get, path, null);
        Assert.Equal((HttpStatusCode.OK, own.Body), (byToken.Status, byToken.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, path[..^32] + new string('0', 32), null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, path.Replace("/local/", "/eu-1/", StringComparison.Ordinal), null)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/workspaces/{identity}/nb/connect-token", _webToken)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/workspaces/{identity}/nb/connect-token", _mlToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, path, null)).Status);

        await _world.StopAsync();
        var database = _world.DatabaseBytes();
        Assert.False(Secrets.Contains(database, connectionToken), "the connection token is in the database in plaintext");
        Assert.False(Secrets.Contains(database, jupyterToken), "the Jupyter token is in the database in plaintext");
        Assert.DoesNotContain(connectionToken, _world.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(jupyterToken, _world.Log, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(_world.Address, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _world.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
