using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// GitHub's REST API on 127.0.0.1 (a free port) for tests. EVERY request is checked against GitHub's official OpenAPI
/// description (<see cref="OpenApiDescription"/>): path template, method, required parameters, and the JSON body
/// against the operation's schema. A request that breaks it is recorded in <see cref="Violations"/> and answered
/// 404 (unknown path or method) or 422 (invalid parameters or body), as GitHub would; tests assert none.
/// Authentication, check runs, commit statuses, scripted failures (<see cref="FailNext"/>) and rate limits
/// (<see cref="RateLimitNext"/>, with GitHub's headers) behave like GitHub.
/// </summary>
public sealed class GitHubStandIn : IAsyncDisposable
{
    private static readonly HashSet<string> Served = new(StringComparer.Ordinal)
    {
        "apps/get-repo-installation", "apps/create-installation-access-token", "checks/create", "checks/update", "repos/create-commit-status",
        "users/list-public-keys-for-user",
    };

    private readonly ConcurrentDictionary<string, List<string>> _userKeys = new(StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication _app;
    private readonly string _basePath;
    private readonly ConcurrentQueue<StandInRequest> _requests = new();
    private readonly ConcurrentQueue<StandInViolation> _violations = new();
    private readonly ConcurrentDictionary<long, StandInCheckRun> _checkRuns = new();
    private readonly ConcurrentQueue<StandInStatus> _statuses = new();
    private readonly ConcurrentQueue<(string OperationId, int Status)> _failures = new();
    private readonly ConcurrentQueue<(string OperationId, StandInRateLimit Limit)> _rateLimits = new();
    private long _nextId = 1000;

    private GitHubStandIn(WebApplication app, string basePath)
    {
        _app = app;
        _basePath = basePath;
        app.Run(HandleAsync);
    }

    public StandInAuth Auth { get; } = new();

    /// <summary>The REST base URL to configure, ending in <c>/</c> (e.g. <c>http://127.0.0.1:PORT/api/v3/</c>).</summary>
    public Uri BaseUrl => new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), _basePath);

    public IReadOnlyList<StandInRequest> Requests => [.. _requests];

    /// <summary>Raised after each request was answered (benchmarks time the answers with it).</summary>
    public event Action<StandInRequest>? Answered;

    public IReadOnlyList<StandInViolation> Violations => [.. _violations];

    public IReadOnlyList<StandInCheckRun> CheckRuns => [.. _checkRuns.Values.OrderBy(r => r.Id)];

    public IReadOnlyList<StandInStatus> Statuses => [.. _statuses];

    /// <summary>Starts a stand-in whose API lives under <paramref name="basePath"/> (GitHub Enterprise Server: <c>/api/v3/</c>).</summary>
    public static async Task<GitHubStandIn> StartAsync(string basePath = "/api/v3/")
    {
        _ = OpenApiDescription.GitHub;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var standIn = new GitHubStandIn(builder.Build(), basePath.EndsWith('/') ? basePath : basePath + "/");
        await standIn._app.StartAsync();
        return standIn;
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operationId"/> are answered <paramref name="status"/> (after validation).</summary>
    public void FailNext(string operationId, int status, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((operationId, status));
        }
    }

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operationId"/> are answered rate-limited (after validation and authentication).</summary>
    public void RateLimitNext(string operationId, StandInRateLimit limit, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _rateLimits.Enqueue((operationId, limit));
        }
    }

    /// <summary>Adds a public SSH key to a user's account (served by <c>GET /users/{username}/keys</c>).</summary>
    public void AddUserKey(string login, string key)
    {
        var keys = _userKeys.GetOrAdd(login, _ => []);
        lock (keys)
        {
            keys.Add(key);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var fullPath = request.Path.Value ?? "/";
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var scheme = request.Headers.Authorization.ToString().Split(' ', 2) is [var s, _] ? s : null;
        var prefix = _basePath.TrimEnd('/');
        if (!fullPath.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            await RejectAsync(context, method, fullPath, $"outside the API base {_basePath}", 404, null, scheme);
            return;
        }

        var path = fullPath[prefix.Length..];
        var (operation, problem) = OpenApiDescription.GitHub.Find(method, path);
        if (operation is null)
        {
            await RejectAsync(context, method, path, problem!, 404, null, scheme);
            return;
        }

        var values = OpenApiDescription.PathValues(operation.Template, path);
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var problems = RequestValidator.Validate(operation, values, query, body);
        if (problems.Count > 0)
        {
            await RejectAsync(context, method, path, $"{operation.Id}: {string.Join("; ", problems)}", 422, operation.Id, scheme);
            return;
        }

        if (!Served.Contains(operation.Id))
        {
            await RejectAsync(context, method, path, $"{operation.Id} is valid but not one Reconciler should call", 404, operation.Id, scheme);
            return;
        }

        var json = body.Length == 0 ? null : StandInJson.Parse(body);
        var (status, response, limit) = Answer(operation, values, json, request.Headers.Authorization.ToString());
        foreach (var (name, value) in limit?.Headers(DateTimeOffset.UtcNow) ?? [])
        {
            context.Response.Headers[name] = value;
        }

        var recorded = new StandInRequest(method, path, operation.Id, json, scheme, status);
        _requests.Enqueue(recorded);
        await WriteAsync(context, status, response);
        Answered?.Invoke(recorded);
    }

    private (int Status, JToken Body, StandInRateLimit? Limit) Answer(OpenApiOperation operation, IReadOnlyDictionary<string, string> values, JToken? body, string authorization)
    {
        if (Authorized(operation, authorization) && TakeRateLimit(operation.Id) is { } limit)
        {
            return (limit.Status, limit.Body(), limit);
        }

        var (status, response) = Serve(operation, values, body, authorization);
        return (status, response, null);
    }

    private bool Authorized(OpenApiOperation operation, string authorization)
    {
        var (scheme, credential) = authorization.Split(' ', 2) is [var s, var c] ? (s.ToLowerInvariant(), c) : ("", null);
        return !Auth.RejectAll && (operation.Id.StartsWith("apps/", StringComparison.Ordinal)
            ? scheme == "bearer" && Auth.CheckJwt(credential, DateTimeOffset.UtcNow) is null
            : scheme is "token" or "bearer" && Auth.IsToken(credential));
    }

    private (int Status, JToken Body) Serve(OpenApiOperation operation, IReadOnlyDictionary<string, string> values, JToken? body, string authorization)
    {
        if (!Authorized(operation, authorization))
        {
            return (401, StandInResponses.Error("Bad credentials", 401));
        }

        if (TakeFailure(operation.Id) is { } failure)
        {
            return (failure, StandInResponses.Error(failure >= 500 ? "Server Error" : "Failed", failure));
        }

        var repository = values.TryGetValue("owner", out var owner) ? owner + "/" + values["repo"] : "";
        switch (operation.Id)
        {
            case "users/list-public-keys-for-user":
                var keys = _userKeys.TryGetValue(values["username"], out var listed) ? listed : [];
                lock (keys)
                {
                    return (200, new JArray(keys.Select((k, i) => new JObject { ["id"] = i + 1, ["key"] = k })));
                }

            case "apps/get-repo-installation":
                return (200, StandInResponses.Installation(4242, Auth.AppId!.Value));
            case "apps/create-installation-access-token":
                var token = "ghs_" + Guid.NewGuid().ToString("N");
                Auth.AllowToken(token);
                return (201, StandInResponses.AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));
            case "checks/create":
                var run = new StandInCheckRun { Id = Interlocked.Increment(ref _nextId), Repository = repository, Name = (string)body!["name"]!, HeadSha = (string)body["head_sha"]! };
                Apply(run, body);
                _checkRuns[run.Id] = run;
                return (201, StandInResponses.CheckRun(BaseUrl, repository, run));
            case "checks/update":
                if (!_checkRuns.TryGetValue(long.Parse(values["check_run_id"], System.Globalization.CultureInfo.InvariantCulture), out var existing) || existing.Repository != repository)
                {
                    return (404, StandInResponses.Error("Not Found", 404));
                }

                lock (existing)
                {
                    existing.Updates++;
                    Apply(existing, body!);
                }

                return (200, StandInResponses.CheckRun(BaseUrl, repository, existing));
            default:
                var posted = new StandInStatus(Interlocked.Increment(ref _nextId), repository, values["sha"], (string)body!["state"]!, (string?)body["description"], (string?)body["target_url"], (string?)body["context"] ?? "default");
                _statuses.Enqueue(posted);
                return (201, StandInResponses.Status(BaseUrl, repository, posted));
        }
    }

    private int? TakeFailure(string operationId)
    {
        lock (_failures)
        {
            if (_failures.TryPeek(out var next) && next.OperationId == operationId && _failures.TryDequeue(out next))
            {
                return next.Status;
            }

            return null;
        }
    }

    private StandInRateLimit? TakeRateLimit(string operationId)
    {
        lock (_rateLimits)
        {
            return _rateLimits.TryPeek(out var next) && next.OperationId == operationId && _rateLimits.TryDequeue(out next) ? next.Limit : null;
        }
    }

    private static void Apply(StandInCheckRun run, JToken body)
    {
        run.Name = (string?)body["name"] ?? run.Name;
        run.ExternalId = (string?)body["external_id"] ?? run.ExternalId;
        run.DetailsUrl = (string?)body["details_url"] ?? run.DetailsUrl;
        run.StartedAt = (string?)body["started_at"] ?? run.StartedAt;
        run.CompletedAt = (string?)body["completed_at"] ?? run.CompletedAt;
        run.Status = (string?)body["status"] ?? run.Status;
        if ((string?)body["conclusion"] is { } conclusion)
        {
            run.Conclusion = conclusion;
            run.Status = "completed";
        }

        if (body["output"] is JObject output)
        {
            run.Title = (string?)output["title"];
            run.Summary = (string?)output["summary"];
            run.Annotations.AddRange((output["annotations"] as JArray ?? []).Cast<JObject>());
        }
    }

    private async Task RejectAsync(HttpContext context, string method, string path, string problem, int status, string? operationId, string? scheme)
    {
        _violations.Enqueue(new StandInViolation(method, path, problem));
        _requests.Enqueue(new StandInRequest(method, path, operationId, null, scheme, status));
        await WriteAsync(context, status, StandInResponses.Error(status == 404 ? "Not Found" : "Validation Failed: " + problem, status));
    }

    private static async Task WriteAsync(HttpContext context, int status, JToken body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToString(Newtonsoft.Json.Formatting.None), context.RequestAborted);
    }
}
