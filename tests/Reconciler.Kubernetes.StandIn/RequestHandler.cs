using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>Answers one request for one <see cref="ResourcePath"/>.</summary>
internal sealed class RequestHandler(ObjectStore store, ResourcePath path, HttpContext context, KubernetesStandIn owner)
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["namespaces"] = "Namespace",
        ["pods"] = "Pod",
        ["services"] = "Service",
        ["events"] = "Event",
        ["persistentvolumeclaims"] = "PersistentVolumeClaim",
        ["deployments"] = "Deployment",
        ["statefulsets"] = "StatefulSet",
        ["ingresses"] = "Ingress",
        ["leases"] = "Lease",
    };

    private HttpRequest Request => context.Request;

    public async Task<int> HandleAsync()
    {
        if (!Kinds.TryGetValue(path.Plural, out var kind))
        {
            return await Responses.StatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({path.Plural})");
        }

        var method = Request.Method;
        if (method != "GET" && owner.TakeInjectedFailure())
        {
            return await Responses.StatusAsync(context, 409, "Conflict", $"Operation cannot be fulfilled on {path.Plural} \"{path.Name}\": the object has been modified; please apply your changes to the latest version and try again");
        }

        return (method, path.Name) switch
        {
            ("GET", null) when IsWatch => await WatchAsync(),
            ("GET", null) => await ListAsync(kind),
            ("GET", _) => await GetAsync(kind),
            ("POST", null) => await CreateAsync(kind),
            ("PUT", not null) => await ReplaceAsync(kind),
            ("PATCH", not null) => await ApplyAsync(kind),
            ("DELETE", not null) => await DeleteAsync(kind),
            _ => await Responses.StatusAsync(context, 405, "MethodNotAllowed", $"{method} is not supported on {Request.Path}"),
        };
    }

    private bool IsWatch => Request.Query["watch"] is var w && (w == "true" || w == "1");

    private async Task<int> ListAsync(string kind)
    {
        var items = store.List(path, Request.Query["labelSelector"]);
        var list = new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = path.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentVersion },
            ["items"] = new JsonArray([.. items]),
        };
        return await Responses.JsonAsync(context, 200, list);
    }

    private async Task<int> GetAsync(string kind)
        => store.Get(path) is { } found
            ? await Responses.JsonAsync(context, 200, found)
            : await NotFoundAsync(kind);

    private async Task<int> CreateAsync(string kind)
    {
        var body = await ReadBodyAsync();
        if (body is null)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", "the request body is not a JSON object");
        }

        var name = body["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return await Responses.StatusAsync(context, 422, "Invalid", $"{kind} is invalid: metadata.name: Required value");
        }

        var created = store.Create(path with { Name = name }, body);
        return created is null
            ? await Responses.StatusAsync(context, 409, "AlreadyExists", $"{path.Plural} \"{name}\" already exists")
            : await Responses.JsonAsync(context, 201, created);
    }

    private async Task<int> ReplaceAsync(string kind)
    {
        var body = await ReadBodyAsync();
        if (body is null)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", "the request body is not a JSON object");
        }

        var (stored, conflict) = store.Replace(path, body, body["metadata"]?["resourceVersion"]?.GetValue<string>());
        if (conflict)
        {
            return await Responses.StatusAsync(context, 409, "Conflict", $"Operation cannot be fulfilled on {path.Plural} \"{path.Name}\": the object has been modified; please apply your changes to the latest version and try again");
        }

        return stored is null ? await NotFoundAsync(kind) : await Responses.JsonAsync(context, 200, stored);
    }

    private async Task<int> ApplyAsync(string kind)
    {
        if (Request.ContentType?.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal) != true)
        {
            return await Responses.StatusAsync(context, 415, "UnsupportedMediaType", $"the stand-in supports only server-side apply patches, not {Request.ContentType}");
        }

        var manager = Request.Query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", "PATCH, fieldManager: Required value: is required for apply patch");
        }

        var body = await ReadBodyAsync();
        if (body is null)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", "the stand-in reads apply patches written as JSON (a subset of YAML)");
        }

        if (body["metadata"]?["name"]?.GetValue<string>() is { } name && name != path.Name)
        {
            return await Responses.StatusAsync(context, 400, "BadRequest", $"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        }

        var (stored, created, _) = store.Apply(path, body, manager);
        return await Responses.JsonAsync(context, created ? 201 : 200, stored);
    }

    private async Task<int> DeleteAsync(string kind)
        => store.Delete(path) is { } removed
            ? await Responses.JsonAsync(context, 200, removed)
            : await NotFoundAsync(kind);

    private Task<int> NotFoundAsync(string kind)
        => Responses.StatusAsync(context, 404, "NotFound", $"{path.Plural} \"{path.Name}\" not found");

    /// <summary>JSON lines of <c>{"type", "object"}</c>: current objects as ADDED (when no resourceVersion is given), then every change until the client or <see cref="KubernetesStandIn.DropWatches"/> closes it.</summary>
    private async Task<int> WatchAsync()
    {
        var selector = Request.Query["labelSelector"].ToString();
        var channel = store.Subscribe();
        owner.WatchOpened();
        var dropped = owner.WatchDropToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, dropped);
        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(stop.Token);
            if (string.IsNullOrEmpty(Request.Query["resourceVersion"]) || Request.Query["resourceVersion"] == "0")
            {
                foreach (var item in store.List(path, selector))
                {
                    await WriteEventAsync("ADDED", item, stop.Token);
                }
            }

            await foreach (var change in channel.Reader.ReadAllAsync(stop.Token))
            {
                if (change.Collection == path.Collection && (path.Namespace is null || change.Namespace == path.Namespace)
                    && LabelSelector.Matches(selector, change.Object))
                {
                    await WriteEventAsync(change.Type, change.Object, stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Dropped by the test or closed by the client: the connection ends here.
        }
        finally
        {
            store.Unsubscribe(channel);
            owner.WatchClosed();
        }

        if (dropped.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // A dropped connection, not a clean end of stream.
            context.Abort();
        }

        return 200;
    }

    private async Task WriteEventAsync(string type, JsonObject item, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = item }.ToJsonString() + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    private async Task<JsonObject?> ReadBodyAsync()
    {
        try
        {
            return await JsonNode.ParseAsync(Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
