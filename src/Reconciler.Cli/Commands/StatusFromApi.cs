using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Reconciler.Cli.Output;
using Reconciler.Core.Configuration;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler status</c> against a running worker: <c>GET /api/workspaces</c> at <c>server.listen</c> of the
/// <c>--config</c> file (or <c>--api-url</c>) with the token from the environment variable of the first admin token
/// in that file whose variable is set (or <c>--token-env</c>). When there is no such token or no worker answers, the
/// caller falls back to observing the Docker engine. The token is sent, never printed.
/// </summary>
internal static class StatusFromApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Where to ask and with which token; null when the API cannot be used (no token, no address).</summary>
    public static (Uri Url, string Token)? Target(ReconcilerConfig config, bool configGiven, string? apiUrl, string? tokenEnv)
    {
        var variable = tokenEnv ?? config.Api.Tokens
            .Where(t => t is { Role: ApiRole.Admin, Token.Source: SecretSource.EnvironmentVariable })
            .Select(t => t.Token.Name)
            .FirstOrDefault(name => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(name)));
        var token = variable is null ? null : Environment.GetEnvironmentVariable(variable)?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return apiUrl is not null || tokenEnv is not null
                ? throw new UsageException($"reading the API needs a token: {(tokenEnv is null ? "name its environment variable with --token-env NAME" : $"the environment variable {tokenEnv} is not set")}")
                : null;
        }

        if (apiUrl is not null)
        {
            return Uri.TryCreate(apiUrl, UriKind.Absolute, out var given) && given.Scheme is "http" or "https"
                ? (given, token)
                : throw new UsageException($"--api-url must be an http(s) URL such as http://127.0.0.1:8080, not '{apiUrl}'");
        }

        return configGiven && ClientAddress(config.Server.Listen) is { } url ? (url, token) : null;
    }

    /// <summary>Prints the table (or the JSON); null when no worker answered, so the caller observes the engine instead.</summary>
    public static async Task<int?> TryPrintAsync((Uri Url, string Token) target, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.Url, "/api/workspaces"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"note: no worker answers at {target.Url} ({e.GetBaseException().Message}); showing the Docker engine instead");
            return null;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                throw new UsageException($"the worker at {target.Url} refused the token (401); check --token-env or the api.tokens entry");
            }

            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"error: the worker at {target.Url} answered {(int)response.StatusCode} to GET /api/workspaces");
                return ExitCodes.NotConverged;
            }

            var workspaces = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonArray ?? [];
            if (json)
            {
                PlanRenderer.WriteJson(output, workspaces);
                return ExitCodes.Success;
            }

            Print(output, workspaces);
            return ExitCodes.Success;
        }
    }

    private static void Print(TextWriter output, JsonArray workspaces)
    {
        TableWriter.Write(
            output,
            ["HOST", "REPOSITORY", "WORKSPACE", "STATE", "COMMIT", "PORTS", "CONTAINER", "GPU", "CONDITION", "POWER", "LAST ERROR"],
            workspaces.OfType<JsonObject>().Select(w => new[]
            {
                Text(w["runtimeHost"]), Text(w["repository"]), Text(w["workspace"]), Text(w["state"]),
                PlanRenderer.Short(Text(w["commit"])),
                w["ports"] is JsonArray { Count: > 0 } ports ? string.Join(",", ports.Select(p => Text(p))) : "-",
                Text(w["containerId"]) is { Length: > 12 } id ? id[..12] : Text(w["containerId"]),
                Gpu(w["gpu"] as JsonObject),
                Condition(w),
                w["power"] is JsonObject power ? $"{Text(power["lifecycle"])}: {Text(power["description"])}" : "-",
                OneLine(Text(w["lastError"])),
            }));
        if (workspaces.Count == 0)
        {
            output.WriteLine("(no workspaces reported by the worker)");
        }
    }

    /// <summary>The condition that decided the state, as <c>Type=Status (Reason)</c>.</summary>
    private static string Condition(JsonObject workspace)
    {
        var type = Text(workspace["state"]) switch
        {
            "stalled" => "Stalled",
            "policy_violated" => "PolicyViolated",
            "failed" => "Failed",
            _ => "Ready",
        };
        var condition = (workspace["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == type);
        return condition is null ? "-" : $"{type}={((bool?)condition["status"] == true ? "True" : "False")} ({Text(condition["reason"])})";
    }

    /// <summary>The GPUs a workspace holds (<c>GPU-a,GPU-b</c>) or <c>pending: reason</c>; <c>-</c> without GPUs.</summary>
    private static string Gpu(JsonObject? gpu)
    {
        if (gpu is null)
        {
            return "-";
        }

        return gpu["devices"] is JsonArray { Count: > 0 } devices
            ? string.Join(",", devices.Select(d => Text(d)))
            : Text(gpu["pending"]) is var reason and not "-" ? OneLine("pending: " + reason) : "-";
    }

    private static string OneLine(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 80 ? line[..77] + "..." : line;
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() is { Length: > 0 } text ? text : "-";

    /// <summary><c>server.listen</c> as a client reaches it: a wildcard host becomes loopback; port 0 cannot be reached.</summary>
    private static Uri? ClientAddress(string listen)
    {
        if (!Uri.TryCreate(listen.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port == 0)
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri) { Host = host, Path = "/" }.Uri;
    }
}
