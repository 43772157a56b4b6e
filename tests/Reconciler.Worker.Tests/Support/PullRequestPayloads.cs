using System.Text.Json.Nodes;
using Reconciler.TestKit;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// pull_request deliveries for a daemon-served repository: GitHub's own fixture (opened, with organisation) with the
/// action, number, head, base and repositories pointed at <paramref name="identity"/> (<c>host:port/name</c>).
/// </summary>
internal static class PullRequestPayloads
{
    public static string For(string identity, string action, int number, string headSha, bool fork = false, bool merged = false)
    {
        var name = identity[(identity.LastIndexOf('/') + 1)..];
        var host = identity[..identity.IndexOf('/', StringComparison.Ordinal)];
        var root = JsonNode.Parse(File.ReadAllText(TestPaths.Fixture("webhooks", "pull_request", "opened.with-organization.payload.json")))!;
        root["action"] = action;
        root["number"] = number;
        var pullRequest = root["pull_request"]!;
        pullRequest["number"] = number;
        pullRequest["merged"] = merged;
        pullRequest["head"]!["sha"] = headSha;
        pullRequest["head"]!["ref"] = fork ? "patch-1" : "feature";
        pullRequest["head"]!["repo"] = Repository(fork ? $"contributor/{name}" : $"local/{name}", host, fork ? name + "-fork" : name);
        pullRequest["base"]!["ref"] = "main";
        pullRequest["base"]!["sha"] = new string('0', 40);
        pullRequest["base"]!["repo"] = Repository($"local/{name}", host, name);
        root["repository"] = Repository($"local/{name}", host, name);
        return root.ToJsonString();
    }

    private static JsonObject Repository(string fullName, string host, string path) => new()
    {
        ["full_name"] = fullName,
        ["name"] = fullName[(fullName.IndexOf('/', StringComparison.Ordinal) + 1)..],
        ["clone_url"] = $"http://{host}/{path}.git",
        ["html_url"] = $"http://{host}/{path}",
    };
}
