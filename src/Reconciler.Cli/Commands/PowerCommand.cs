using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using Reconciler.Cli.Hosting;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler wake|stop|start REPOSITORY/WORKSPACE [--until HH:MM|ISO] [--for 2h]</c>: asks a running worker, through
/// <c>POST /api/workspaces/{repository}/{workspace}/{verb}</c>, to bend the workspace's lifecycle (docs/lifecycle.md,
/// "Wakes and overrides"). The worker records who asked and converges at once. Same API address and token as
/// <c>reconciler status</c>.
/// </summary>
internal static class PowerCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Command Create(string verb, string description)
    {
        var target = new Argument<string>("workspace") { Description = "REPOSITORY/WORKSPACE, e.g. github.com/acme/ml/notebook" };
        var until = new Option<string?>("--until") { Description = "Expires at this time: HH:MM in the workspace's lifecycle time zone, or an ISO 8601 instant" };
        var forOption = new Option<string?>("--for") { Description = "Expires after this long, e.g. 30m or 2h" };
        var apiUrl = new Option<string?>("--api-url") { Description = "The worker's API (default: server.listen of --config)" };
        var tokenEnv = new Option<string?>("--token-env") { Description = "Environment variable holding the API token (default: the first admin token of --config whose variable is set)" };
        var command = new Command(verb, description) { target, until, forOption, apiUrl, tokenEnv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var workspace = parse.GetValue(target)!.Trim('/');
            if (workspace.LastIndexOf('/') <= 0)
            {
                throw new UsageException($"name the workspace as REPOSITORY/WORKSPACE (e.g. github.com/acme/ml/notebook), not '{workspace}'");
            }

            var api = StatusFromApi.Target(session.Config, parse.GetValue(GlobalOptions.Config) is not null, parse.GetValue(apiUrl), parse.GetValue(tokenEnv))
                ?? throw new UsageException($"{verb} talks to a running worker: give --config with server.listen and an admin token's variable set, or --api-url and --token-env");
            var query = new List<string>();
            if (parse.GetValue(until) is { } u)
            {
                query.Add("until=" + Uri.EscapeDataString(u));
            }

            if (parse.GetValue(forOption) is { } f)
            {
                query.Add("for=" + Uri.EscapeDataString(f));
            }

            var path = "/api/workspaces/" + string.Join('/', workspace.Split('/').Select(Uri.EscapeDataString)) + "/" + verb + (query.Count == 0 ? "" : "?" + string.Join('&', query));
            using var http = new HttpClient { Timeout = Timeout };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api.Url, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Accepted:
                    await session.Out.WriteLineAsync($"{verb} recorded for {workspace}; the worker converges now");
                    return ExitCodes.Success;
                case HttpStatusCode.NotFound:
                    await session.Error.WriteLineAsync($"error: the worker knows no workspace {workspace} (or it is another team's)");
                    return ExitCodes.InvalidInput;
                case HttpStatusCode.BadRequest:
                    await session.Error.WriteLineAsync($"error: {body}");
                    return ExitCodes.InvalidInput;
                case HttpStatusCode.Unauthorized:
                    throw new UsageException($"the worker at {api.Url} refused the token (401); check --token-env or the api.tokens entry");
                default:
                    await session.Error.WriteLineAsync($"error: the worker answered {(int)response.StatusCode}: {body}");
                    return ExitCodes.NotConverged;
            }
        });
        return command;
    }
}
