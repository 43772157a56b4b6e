using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Reconciler.Kubernetes.StandIn;

namespace Reconciler.Runtime.Kubernetes.Tests.StandIn;

/// <summary>The stand-in behaves as the API server does where the adapter depends on it.</summary>
public sealed class StandInContractTests : IAsyncLifetime
{
    private KubernetesStandIn _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await KubernetesStandIn.StartAsync();
        _http = new HttpClient { BaseAddress = _api.BaseUri };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Exec_needs_an_existing_running_pod_and_a_websocket_with_a_channel_protocol()
    {
        const string exec = "/api/v1/namespaces/a/pods/p/exec?command=true&container=workspace&stdout=true";
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri(exec, UriKind.Relative))).StatusCode);
        _api.Seed("/api/v1/namespaces/a/pods/p", new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = "p" }, ["status"] = new JsonObject { ["phase"] = "Pending" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync(new Uri(exec, UriKind.Relative))).StatusCode);
        _api.Seed("/api/v1/namespaces/a/pods/p", new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = new JsonObject { ["name"] = "p" }, ["status"] = new JsonObject { ["phase"] = "Running" },
        });

        // A plain GET is not an upgrade; a WebSocket without a channel protocol is refused too.
        var plain = await _http.GetAsync(new Uri(exec, UriKind.Relative));
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.AddSubProtocol("chat");
        var refused = await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(
            () => socket.ConnectAsync(new Uri(new Uri(_api.BaseUri.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), exec), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.NotNull(refused);
        Assert.Empty(_api.Execs);
    }

    [Fact]
    public async Task A_put_with_a_stale_resource_version_is_409_and_a_current_one_succeeds()
    {
        var created = await SendAsync(HttpMethod.Post, "/api/v1/namespaces/a/services", Service("s", "x"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var version = created.Body!["metadata"]!["resourceVersion"]!.GetValue<string>();
        var update = Service("s", "y");
        update["metadata"]!["resourceVersion"] = version;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, "/api/v1/namespaces/a/services/s", update)).Status);

        var stale = await SendAsync(HttpMethod.Put, "/api/v1/namespaces/a/services/s", update);

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal("Conflict", stale.Body!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(HttpMethod.Post, "/api/v1/namespaces/a/services", Service("s", "x"))).Status);
    }

    [Fact]
    public async Task Missing_objects_and_unknown_resources_are_404_status_objects()
    {
        var missing = await SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/a/deployments/nope", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("NotFound", missing.Body!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "/api/v1/namespaces/a/services/nope", null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/apis/example.com/v1/widgets", null)).Status);
    }

    [Fact]
    public async Task Lists_honour_equality_label_selectors_in_one_namespace_or_all()
    {
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces/a/services", Service("one", "x"));
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces/b/services", Service("two", "x"));
        await SendAsync(HttpMethod.Post, "/api/v1/namespaces/b/services", Service("three", "y"));

        Assert.Equal(["one", "two"], await NamesAsync("/api/v1/services?labelSelector=team%3Dx"));
        Assert.Equal(["three"], await NamesAsync("/api/v1/namespaces/b/services?labelSelector=team!%3Dx"));
        Assert.Equal(["one"], await NamesAsync("/api/v1/namespaces/a/services?labelSelector=team"));
        Assert.Empty(await NamesAsync("/api/v1/services?labelSelector=!team"));
    }

    [Fact]
    public async Task Apply_needs_a_field_manager_creates_merges_drops_unapplied_fields_and_keeps_the_version_when_nothing_changes()
    {
        var path = "/api/v1/namespaces/a/services/s";
        Assert.Equal(HttpStatusCode.BadRequest, (await ApplyAsync(path, Service("s", "x"), null)).Status);

        var first = Service("s", "x");
        first["spec"] = new JsonObject { ["type"] = "ClusterIP", ["clusterIP"] = "None" };
        var created = await ApplyAsync(path, first, "reconciler");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var again = await ApplyAsync(path, first, "reconciler");
        Assert.Equal(created.Body!["metadata"]!["resourceVersion"]!.GetValue<string>(), again.Body!["metadata"]!["resourceVersion"]!.GetValue<string>());

        var second = Service("s", "x");
        second["spec"] = new JsonObject { ["type"] = "ClusterIP" };
        var changed = await ApplyAsync(path, second, "reconciler");

        Assert.Null(changed.Body!["spec"]!["clusterIP"]);
        Assert.NotEqual(created.Body["metadata"]!["resourceVersion"]!.GetValue<string>(), changed.Body["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(created.Body["metadata"]!["uid"]!.GetValue<string>(), changed.Body["metadata"]!["uid"]!.GetValue<string>());
    }

    private async Task<List<string>> NamesAsync(string path)
    {
        var list = (await SendAsync(HttpMethod.Get, path, null)).Body!;
        return [.. list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];
    }

    private static JsonObject Service(string name, string team) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["team"] = team } },
    };

    private async Task<(HttpStatusCode Status, JsonObject? Body)> ApplyAsync(string path, JsonObject body, string? manager)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, manager is null ? path : $"{path}?fieldManager={manager}")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }
}
