using System.CommandLine;
using System.Text.Json.Nodes;
using Reconciler.Cli.Hosting;
using Reconciler.Cli.Output;
using Reconciler.Core.Planning;

namespace Reconciler.Cli.Commands;

/// <summary>
/// <c>reconciler status [--json]</c>: what a running worker reports through its API when one can be reached
/// (<see cref="StatusFromApi"/>), otherwise what Reconciler manages on each configured host: Docker engines, libvirt hosts, Kubernetes clusters (one list call each).
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var apiUrl = new Option<string?>("--api-url") { Description = "Ask the worker's API at this URL (default: server.listen of --config when an admin token's variable is set)" };
        var tokenEnv = new Option<string?>("--token-env") { Description = "Environment variable holding the API token (default: the first admin token of --config whose variable is set)" };
        var command = new Command("status", "List the workspaces: from a running worker's API, else from every configured runtime (Docker, libvirt, Kubernetes)") { json, apiUrl, tokenEnv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var session = CliSession.Open(parse);
            var configGiven = parse.GetValue(GlobalOptions.Config) is not null;
            if (StatusFromApi.Target(session.Config, configGiven, parse.GetValue(apiUrl), parse.GetValue(tokenEnv)) is { } target
                && await StatusFromApi.TryPrintAsync(target, parse.GetValue(json), session.Out, session.Error, cancellationToken) is { } code)
            {
                return code;
            }

            var rows = new List<(string Host, WorkspaceObservation Observation)>();
            foreach (var (host, runtime) in session.Runtimes.All())
            {
                rows.AddRange((await runtime.ObserveAsync(null, cancellationToken)).Select(o => (host, o)));
            }

            rows = rows.OrderBy(r => r.Observation.Key.Repository, StringComparer.Ordinal)
                .ThenBy(r => r.Observation.Key.Workspace, StringComparer.Ordinal).ToList();
            if (parse.GetValue(json))
            {
                PlanRenderer.WriteJson(session.Out, new JsonArray(rows.Select(r => (JsonNode)new JsonObject
                {
                    ["host"] = r.Host,
                    ["repository"] = r.Observation.Key.Repository,
                    ["workspace"] = r.Observation.Key.Workspace,
                    ["state"] = r.Observation.State.ToString().ToLowerInvariant(),
                    ["commit"] = r.Observation.Commit,
                    ["container"] = r.Observation.Name,
                    ["id"] = r.Observation.Id,
                    ["specHash"] = r.Observation.SpecHash,
                    ["ports"] = new JsonArray(r.Observation.Ports.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
                }).ToArray()));
                return ExitCodes.Success;
            }

            TableWriter.Write(
                session.Out,
                ["HOST", "REPOSITORY", "WORKSPACE", "STATE", "COMMIT", "PORTS", "CONTAINER"],
                rows.Select(r => new[]
                {
                    r.Host, r.Observation.Key.Repository, r.Observation.Key.Workspace, r.Observation.State.ToString().ToLowerInvariant(),
                    PlanRenderer.Short(r.Observation.Commit ?? "-"), r.Observation.Ports.Count == 0 ? "-" : string.Join(",", r.Observation.Ports),
                    r.Observation.Name,
                }));
            if (rows.Count == 0)
            {
                session.Out.WriteLine("(no workspaces managed by Reconciler)");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
