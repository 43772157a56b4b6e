using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>One request the stand-in answered.</summary>
/// <param name="Token">The bearer token the client sent (one per kubeconfig: tells two worker replicas apart).</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, string? Token = null)
{
    /// <summary>A write to anything but a Lease: what a replica changes on the cluster besides its campaign.</summary>
    public bool IsWorkloadWrite => IsWrite && !Path.Contains("/leases", StringComparison.Ordinal);

    /// <summary>Anything but a read; an exec (a GET upgraded to a WebSocket) runs a command, so it counts as a write.</summary>
    public bool IsWrite => Method is not "GET" || Path.EndsWith("/exec", StringComparison.Ordinal);
}

/// <summary>
/// An in-process Kubernetes API stand-in on 127.0.0.1: the real REST paths and JSON for core/v1, apps/v1,
/// networking.k8s.io/v1 and coordination.k8s.io/v1 objects. Implements GET/LIST with label selectors, POST
/// (409 AlreadyExists), PUT with resourceVersion (409 Conflict when stale), DELETE, 404 NotFound, PATCH
/// <c>application/apply-patch+yaml</c> (server-side apply; see <see cref="ObjectStore.Apply"/> for the one-manager
/// simplification) and watch (<c>?watch=true</c>, JSON lines). No controllers run: a Deployment never gets Pods
/// unless a test puts them there with <see cref="Seed"/>.
/// </summary>
public sealed class KubernetesStandIn : IAsyncDisposable
{
    private readonly ObjectStore _store = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private CancellationTokenSource _watchDrop = new();
    private int _failWrites;
    private readonly ConcurrentDictionary<string, bool> _blockedTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ExecRequest> _execs = new();
    private Func<ExecRequest, ExecReply> _execReply = _ => new ExecReply(0);
    private WebApplication? _app;

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public int WriteCount => _requests.Count(r => r.IsWrite);

    /// <summary>Number of watch connections currently open.</summary>
    public int OpenWatches => Volatile.Read(ref _openWatches);

    private int _openWatches;

    public static async Task<KubernetesStandIn> StartAsync()
    {
        var standIn = new KubernetesStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseUri = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
        standIn._app = app;
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> writes (POST, PUT, PATCH, DELETE) answer 409 Conflict without changing anything.</summary>
    public void FailNextWrites(int count) => Interlocked.Exchange(ref _failWrites, count);

    /// <summary>Every request with this bearer token answers 503 (one client cut off from the API server, the others not).</summary>
    public void BlockToken(string token) => _blockedTokens[token] = true;

    public void UnblockToken(string token) => _blockedTokens.TryRemove(token, out _);

    /// <summary>Closes every open watch connection (as an API server restart or a load balancer timeout does).</summary>
    public void DropWatches()
    {
        var old = Interlocked.Exchange(ref _watchDrop, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>Every command run through <c>pods/{name}/exec</c>, in order.</summary>
    public IReadOnlyList<ExecRequest> Execs => [.. _execs];

    /// <summary>How exec answers from now on (default: exit code 0, no output).</summary>
    public void OnExec(Func<ExecRequest, ExecReply> reply) => _execReply = reply;

    /// <summary>Stores an object directly (e.g. a Pod with a status), as a controller would.</summary>
    public JsonObject Seed(string path, JsonObject body)
    {
        var parsed = ResourcePath.Parse(path) ?? throw new ArgumentException($"not an API path: {path}");
        var existing = _store.Get(parsed);
        return existing is null ? _store.Create(parsed, body)! : _store.Replace(parsed, body, null).Stored!;
    }

    /// <summary>Deletes an object directly (a controller removing a Pod on scale-down, a claim deleted by hand).</summary>
    public bool Delete(string path) => _store.Delete(ResourcePath.Parse(path) ?? throw new ArgumentException(path)) is not null;

    public JsonObject? Get(string path) => _store.Get(ResourcePath.Parse(path) ?? throw new ArgumentException(path));

    public List<JsonObject> List(string path, string? selector = null) => _store.List(ResourcePath.Parse(path) ?? throw new ArgumentException(path), selector);

    /// <summary>Writes a kubeconfig with one context, <paramref name="context"/>, pointing at this stand-in over plain HTTP.</summary>
    public string WriteKubeconfig(string directory, string context = "stand-in", string token = "stand-in-token", string fileName = "kubeconfig")
    {
        var file = Path.Combine(directory, fileName);
        File.WriteAllText(file, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: {BaseUri.ToString().TrimEnd('/')}
            users:
            - name: {context}
              user:
                token: {token}
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: {context}
                namespace: default
            current-context: {context}
            """);
        return file;
    }

    public async ValueTask DisposeAsync()
    {
        _watchDrop.Cancel();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _watchDrop.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = ResourcePath.Parse(request.Path.Value ?? "");
        var status = 500;
        try
        {
            var authorization = request.Headers.Authorization.ToString();
            status = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _blockedTokens.ContainsKey(authorization[7..])
                ? await Responses.StatusAsync(context, 503, "ServiceUnavailable", "the stand-in blocks this client")
                : ExecEndpoint.Parse(request.Path.Value ?? "") is (var execNamespace, var execPod)
                ? await ExecEndpoint.HandleAsync(context, execNamespace, execPod, _store, r => _execReply(r), _execs.Enqueue)
                : path is null
                ? await Responses.StatusAsync(context, 404, "NotFound", $"the server could not find the requested resource {request.Path}")
                : await new RequestHandler(_store, path, context, this).HandleAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // A stand-in bug must be visible in the failing test, not an empty 500.
            status = await Responses.StatusAsync(context, 500, "InternalError", $"stand-in: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            var bearer = request.Headers.Authorization.ToString();
            _requests.Enqueue(new RecordedRequest(
                request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", status, bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer[7..] : null));
        }
    }

    internal bool TakeInjectedFailure()
    {
        while (true)
        {
            var current = Volatile.Read(ref _failWrites);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _failWrites, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    internal CancellationToken WatchDropToken => _watchDrop.Token;

    internal void WatchOpened() => Interlocked.Increment(ref _openWatches);

    internal void WatchClosed() => Interlocked.Decrement(ref _openWatches);
}
