using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Core.Desired;
using Reconciler.Core.Policies;

namespace Reconciler.Cli.Output;

/// <summary>The <c>validate</c> report in the formats of <c>--format</c>: text, json and github (SARIF: <see cref="SarifWriter"/>).</summary>
internal static class ReportWriter
{
    public static readonly string[] Formats = ["text", "json", "sarif", "github"];

    public static void Write(string format, TextWriter output, TextWriter error, LoadedRepository loaded, IReadOnlyList<Policy> policies)
    {
        var findings = Finding.All(loaded.Diagnostics, loaded.Violations);
        switch (format)
        {
            case "json":
                output.WriteLine(Json(loaded, findings).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                break;
            case "sarif":
                output.WriteLine(SarifWriter.Write(findings, policies).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                break;
            case "github":
                foreach (var finding in findings)
                {
                    output.WriteLine(GitHub(finding));
                }

                break;
            default:
                foreach (var finding in findings)
                {
                    error.WriteLine(finding.ToString());
                }

                break;
        }
    }

    /// <summary>A GitHub Actions workflow command: <c>::error file=F,line=L,col=C,title=POL-x::message</c>.</summary>
    public static string GitHub(Finding finding)
    {
        var command = finding.Level switch { "error" => "error", "warning" => "warning", _ => "notice" };
        var properties = new List<string>();
        if (finding.Location is { } location)
        {
            properties.Add("file=" + Property(location.File));
            properties.Add($"line={location.Line}");
            properties.Add($"col={location.Column}");
        }

        properties.Add("title=" + Property(finding.RuleId));
        return $"::{command} {string.Join(',', properties)}::{Data(finding.Message)}";
    }

    private static JsonObject Json(LoadedRepository loaded, IReadOnlyList<Finding> findings)
    {
        var items = new JsonArray();
        foreach (var finding in findings)
        {
            items.Add(new JsonObject
            {
                ["level"] = finding.Level,
                ["rule"] = finding.RuleId,
                ["message"] = finding.Message,
                ["file"] = finding.Location?.File,
                ["line"] = finding.Location?.Line,
                ["column"] = finding.Location?.Column,
                ["pointer"] = finding.Pointer,
                ["workspace"] = finding.Workspace,
                ["blocks"] = finding.Blocks,
            });
        }

        return new JsonObject
        {
            ["repository"] = loaded.Repository,
            ["commit"] = loaded.Commit,
            ["valid"] = !loaded.HasErrors,
            ["workspaces"] = loaded.Workspaces.Count,
            ["blocked"] = new JsonArray([.. loaded.Workspaces.Where(w => w.PolicyViolations.Count > 0).Select(w => (JsonNode?)JsonValue.Create(w.Key.Workspace))]),
            ["findings"] = items,
        };
    }

    // Workflow command escaping (actions/toolkit command.ts): data escapes % CR LF; properties also : and ,.
    private static string Data(string text)
        => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text)
        => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
