using System.Text.Json.Nodes;
using NJsonSchema;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary><c>validate --format sarif</c> validates against the OASIS SARIF 2.1.0 schema (TestData) and carries rules, levels and regions.</summary>
public sealed class SarifOutputTests : IDisposable
{
    private readonly TestRepository _repo = new();

    [Fact]
    public async Task Sarif_output_validates_against_the_sarif_2_1_0_schema()
    {
        _repo.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n").Write(".devcontainer/devcontainer.json", """
            {
              "image": "ghcr.io/acme/dev:1", "remoteUser": "dev",
              "privileged": true,
              "initializeCommand": "x"
            }
            """);

        var run = await CliRunner.RunAsync("validate", _repo.Path, "--policies", Path.Combine(TestPaths.RepositoryRoot, "policies"), "--format", "sarif");

        Assert.True(run.ExitCode == 1, run.ToString());
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-schema-2.1.0.json"));
        var errors = schema.Validate(run.Output);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + run.Output);

        var sarif = JsonNode.Parse(run.Output)!;
        var driver = sarif["runs"]![0]!["tool"]!["driver"]!;
        Assert.Equal("reconciler", (string?)driver["name"]);
        var rules = driver["rules"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Contains("POL-no-privileged", rules);
        Assert.Contains("RC0203", rules);
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        var privileged = results.Single(r => (string?)r!["ruleId"] == "POL-no-privileged")!;
        var region = privileged["locations"]![0]!["physicalLocation"]!["region"]!;
        Assert.Equal(("error", 3, 17, "POL-no-privileged"), ((string)privileged["level"]!, (int)region["startLine"]!, (int)region["startColumn"]!, rules[(int)privileged["ruleIndex"]!]));
        Assert.Equal("warning", (string?)results.Single(r => (string?)r!["ruleId"] == "POL-no-initialize-command")!["level"]);

        // The schema is strict enough to catch a wrong level: the check above is not vacuous.
        privileged["level"] = "fatal";
        Assert.NotEmpty(schema.Validate(sarif.ToJsonString()));
    }

    public void Dispose() => _repo.Dispose();
}
