using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// A stand-in for the parts of Jumpserver's REST API (v1) Reconciler uses, on 127.0.0.1: host assets, users by name and
/// asset permissions. Every request must carry a valid access-key HTTP Signature (hmac-sha256 over
/// <c>(request-target) accept date</c>, a Date within 15 minutes) and the organization header; every body is checked
/// against the shape Jumpserver's serializers accept (required fields, types, no unknown keys, references to existing
/// users and assets). Anything wrong is answered 400/401 and kept in <see cref="Problems"/>. <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> make an outage on the same port.
/// </summary>
internal sealed class JumpserverStandIn : IAsyncDisposable
{
    public const string KeyId = "5e2cb2d2-5a1b-4d5e-8d0b-2f0b6f3b7c11";
    public const string KeySecret = "c0a3f1d4-6e2b-4f4a-9c3e-7b1d2a9e8f00";
    public const string Org = "00000000-0000-0000-0000-000000000002";
    public const string Node = "3728f004-99a2-4fca-9577-84d5ffcf9eff";

    private static readonly HashSet<string> HostKeys = ["name", "address", "platform", "nodes", "protocols", "labels", "is_active", "accounts", "comment"];
    private static readonly HashSet<string> PermissionKeys = ["name", "users", "user_groups", "assets", "nodes", "accounts", "actions", "is_active", "date_start", "date_expired", "comment"];
    private static readonly HashSet<string> Actions = ["connect", "upload", "download", "copy", "paste", "delete", "share"];
    private static readonly HashSet<string> ProtocolNames = ["ssh", "rdp", "vnc", "telnet", "sftp"];

    private readonly ConcurrentDictionary<string, string> _users = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public ConcurrentDictionary<string, JsonObject> Hosts { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, JsonObject> Permissions { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Problems { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Adds a Jumpserver user and returns its id.</summary>
    public string AddUser(string username) => _users.GetOrAdd(username, _ => Guid.NewGuid().ToString());

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        Port = new Uri(_app.Urls.Single()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var target = request.Path.Value + request.QueryString.Value;
        Requests.Enqueue($"{request.Method} {target}");
        if (CheckSignature(request, target) is { } unauthorized)
        {
            Problems.Enqueue($"{request.Method} {target}: {unauthorized}");
            await Answer(context, HttpStatusCode.Unauthorized, new JsonObject { ["detail"] = unauthorized });
            return;
        }

        var body = request.ContentLength > 0 || request.Method is "POST" or "PUT" ? JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject : null;
        var path = request.Path.Value!;
        var (status, answer) = (request.Method, path) switch
        {
            ("GET", "/api/v1/assets/hosts/") => (HttpStatusCode.OK, Paged(Hosts.Values.Where(h => Matches(h, "name", request.Query["name"])))),
            ("POST", "/api/v1/assets/hosts/") => SaveHost(null, body),
            ("PUT", _) when path.StartsWith("/api/v1/assets/hosts/", StringComparison.Ordinal) => SaveHost(Id(path, "/api/v1/assets/hosts/"), body),
            ("DELETE", _) when path.StartsWith("/api/v1/assets/hosts/", StringComparison.Ordinal) => Delete(Hosts, Id(path, "/api/v1/assets/hosts/")),
            ("GET", "/api/v1/users/users/") => (HttpStatusCode.OK, (JsonNode)new JsonArray([.. _users.Where(u => u.Key == request.Query["username"]).Select(u => (JsonNode)new JsonObject { ["id"] = u.Value, ["username"] = u.Key })])),
            ("GET", "/api/v1/perms/asset-permissions/") => (HttpStatusCode.OK, Paged(Permissions.Values.Where(p => Matches(p, "name", request.Query["name"])))),
            ("POST", "/api/v1/perms/asset-permissions/") => SavePermission(body),
            ("DELETE", _) when path.StartsWith("/api/v1/perms/asset-permissions/", StringComparison.Ordinal) => Delete(Permissions, Id(path, "/api/v1/perms/asset-permissions/")),
            _ => Problem(HttpStatusCode.NotFound, $"no such endpoint: {request.Method} {path}"),
        };
        await Answer(context, status, answer);
    }

    private string? CheckSignature(HttpRequest request, string target)
    {
        if (request.Headers["X-JMS-ORG"] != Org)
        {
            return "missing or wrong X-JMS-ORG";
        }

        if (request.Headers.Accept != "application/json")
        {
            return "Accept must be application/json (it is signed)";
        }

        if (!DateTimeOffset.TryParseExact(request.Headers.Date.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || (DateTimeOffset.UtcNow - date).Duration() > TimeSpan.FromMinutes(15))
        {
            return "Date missing, malformed or more than 15 minutes off";
        }

        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Signature ", StringComparison.Ordinal))
        {
            return "no HTTP Signature";
        }

        var fields = authorization["Signature ".Length..].Split(',')
            .Select(f => f.Split('=', 2))
            .ToDictionary(f => f[0].Trim(), f => f.Length > 1 ? f[1].Trim('"') : "", StringComparer.Ordinal);
        if (fields.GetValueOrDefault("keyId") != KeyId || fields.GetValueOrDefault("algorithm") != "hmac-sha256" || fields.GetValueOrDefault("headers") != "(request-target) accept date")
        {
            return "wrong keyId, algorithm or signed headers";
        }

        var signing = $"(request-target): {request.Method.ToLowerInvariant()} {target}\naccept: {request.Headers.Accept}\ndate: {request.Headers.Date}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeySecret), Encoding.UTF8.GetBytes(signing)));
        return fields.GetValueOrDefault("signature") == expected ? null : "bad signature";
    }

    private (HttpStatusCode, JsonNode) SaveHost(string? id, JsonObject? body)
    {
        var errors = Unknown(body, HostKeys).ToList();
        if (body is null)
        {
            return Problem(HttpStatusCode.BadRequest, "host: no JSON body");
        }

        Require(errors, body, "name", n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length is > 0 and <= 128);
        Require(errors, body, "address", n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0);
        Require(errors, body, "platform", n => n is JsonObject p && p["pk"] is JsonValue pk && pk.TryGetValue<int>(out _));
        Require(errors, body, "nodes", n => n is JsonArray { Count: > 0 } a && a.All(x => x?["pk"]?.GetValue<string>() == Node));
        Require(errors, body, "protocols", n => n is JsonArray a && a.All(p => p is JsonObject o
            && o["name"] is JsonValue name && name.TryGetValue<string>(out var s) && ProtocolNames.Contains(s)
            && o["port"] is JsonValue port && port.TryGetValue<int>(out var number) && number is > 0 and <= 65535));
        Optional(errors, body, "is_active", n => n is JsonValue v && v.TryGetValue<bool>(out _));
        Optional(errors, body, "accounts", n => n is JsonArray);
        Optional(errors, body, "labels", n => n is JsonArray);
        var name = (string?)body["name"];
        if (Hosts.Values.Any(h => (string?)h["name"] == name && (string?)h["id"] != id))
        {
            errors.Add($"name: an asset named {name} exists");
        }

        if (id is not null && !Hosts.ContainsKey(id))
        {
            return Problem(HttpStatusCode.NotFound, $"no host {id}");
        }

        if (errors.Count > 0)
        {
            return Problem(HttpStatusCode.BadRequest, "host: " + string.Join("; ", errors));
        }

        var saved = (JsonObject)body.DeepClone();
        saved["id"] = id ?? Guid.NewGuid().ToString();
        Hosts[(string)saved["id"]!] = saved;
        return (id is null ? HttpStatusCode.Created : HttpStatusCode.OK, saved.DeepClone());
    }

    private (HttpStatusCode, JsonNode) SavePermission(JsonObject? body)
    {
        if (body is null)
        {
            return Problem(HttpStatusCode.BadRequest, "permission: no JSON body");
        }

        var errors = Unknown(body, PermissionKeys).ToList();
        Require(errors, body, "name", n => n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0);
        Require(errors, body, "users", n => n is JsonArray { Count: > 0 } a && a.All(u => u?["pk"] is JsonValue pk && _users.Values.Contains(pk.GetValue<string>())));
        Require(errors, body, "assets", n => n is JsonArray { Count: > 0 } a && a.All(x => Hosts.ContainsKey((x is JsonObject o ? (string?)o["pk"] : (string?)x) ?? "")));
        Require(errors, body, "accounts", n => n is JsonArray { Count: > 0 } a && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)));
        Require(errors, body, "actions", n => n is JsonArray { Count: > 0 } a && a.All(x => x is JsonValue v && v.TryGetValue<string>(out var s) && Actions.Contains(s)));
        Optional(errors, body, "is_active", n => n is JsonValue v && v.TryGetValue<bool>(out _));
        Optional(errors, body, "date_start", n => n is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, out _));
        Optional(errors, body, "date_expired", n => n is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, out _));
        if (errors.Count > 0)
        {
            return Problem(HttpStatusCode.BadRequest, "permission: " + string.Join("; ", errors));
        }

        var saved = (JsonObject)body.DeepClone();
        saved["id"] = Guid.NewGuid().ToString();
        Permissions[(string)saved["id"]!] = saved;
        return (HttpStatusCode.Created, saved.DeepClone());
    }

    private static (HttpStatusCode, JsonNode) Delete(ConcurrentDictionary<string, JsonObject> items, string id)
        => items.TryRemove(id, out _) ? (HttpStatusCode.NoContent, new JsonObject()) : (HttpStatusCode.NotFound, new JsonObject { ["detail"] = "Not found." });

    private (HttpStatusCode, JsonNode) Problem(HttpStatusCode status, string message)
    {
        Problems.Enqueue(message);
        return (status, new JsonObject { ["detail"] = message });
    }

    private static JsonObject Paged(IEnumerable<JsonObject> items)
    {
        var list = new JsonArray([.. items.Select(i => i.DeepClone())]);
        return new JsonObject { ["count"] = list.Count, ["next"] = null, ["previous"] = null, ["results"] = list };
    }

    private static bool Matches(JsonObject item, string field, string? value) => value is null || (string?)item[field] == value;

    private static string Id(string path, string prefix) => path[prefix.Length..].TrimEnd('/');

    private static IEnumerable<string> Unknown(JsonObject? body, HashSet<string> known)
        => body is null ? [] : body.Select(p => p.Key).Where(k => !known.Contains(k)).Select(k => $"{k}: unknown field");

    private static void Require(List<string> errors, JsonObject body, string field, Func<JsonNode?, bool> valid)
    {
        if (!body.ContainsKey(field) || !valid(body[field]))
        {
            errors.Add($"{field}: missing or malformed");
        }
    }

    private static void Optional(List<string> errors, JsonObject body, string field, Func<JsonNode?, bool> valid)
    {
        if (body.ContainsKey(field) && !valid(body[field]))
        {
            errors.Add($"{field}: malformed");
        }
    }

    private static async Task Answer(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        if (status != HttpStatusCode.NoContent)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        }
    }
}
