using System.Text.Json.Nodes;
using Reconciler.Core.Policies;

namespace Reconciler.Cli.Output;

/// <summary>
/// SARIF 2.1.0: one run, tool driver <c>reconciler</c> whose rules are the policies (and any RC diagnostic codes
/// reported), results with a physical location (file, startLine, startColumn) and a level from the finding.
/// </summary>
internal static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static JsonObject Write(IReadOnlyList<Finding> findings, IReadOnlyList<Policy> policies)
    {
        var rules = new JsonArray();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var policy in policies)
        {
            ruleIndex[policy.Code] = rules.Count;
            rules.Add(new JsonObject
            {
                ["id"] = policy.Code,
                ["name"] = policy.Name,
                ["shortDescription"] = new JsonObject { ["text"] = policy.Description.Length > 0 ? policy.Description : policy.Name },
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(policy) },
                ["properties"] = new JsonObject { ["enforcement"] = policy.Enforcement.ToString().ToLowerInvariant() },
            });
        }

        foreach (var code in findings.Select(f => f.RuleId).Where(id => !ruleIndex.ContainsKey(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            ruleIndex[code] = rules.Count;
            rules.Add(new JsonObject
            {
                ["id"] = code,
                ["shortDescription"] = new JsonObject { ["text"] = $"Reconciler diagnostic {code} (docs/diagnostics.md)" },
            });
        }

        var results = new JsonArray();
        foreach (var finding in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = finding.RuleId,
                ["ruleIndex"] = ruleIndex[finding.RuleId],
                ["level"] = finding.Level,
                ["message"] = new JsonObject { ["text"] = finding.Message },
            };
            if (finding.Location is { } location)
            {
                result["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = Uri(location.File) },
                        ["region"] = new JsonObject { ["startLine"] = location.Line, ["startColumn"] = location.Column },
                    },
                });
            }

            if (finding.Pointer is not null || finding.Workspace is not null)
            {
                result["properties"] = new JsonObject { ["pointer"] = finding.Pointer, ["workspace"] = finding.Workspace };
            }

            results.Add(result);
        }

        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "reconciler",
                        ["rules"] = rules,
                    },
                },
                ["results"] = results,
            }),
        };
    }

    /// <summary>A relative URI reference: the path with '/' separators, each segment percent-encoded.</summary>
    private static string Uri(string path)
        => string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));

    private static string Level(Policy policy) => policy.Enforcement switch
    {
        PolicyEnforcement.Audit => "note",
        PolicyEnforcement.Warn => "warning",
        _ => policy.Severity == PolicySeverity.Error ? "error" : "warning",
    };
}
