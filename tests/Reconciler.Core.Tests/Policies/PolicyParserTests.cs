using Newtonsoft.Json.Linq;
using NJsonSchema;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Policies;

namespace Reconciler.Core.Tests.Policies;

/// <summary>A malformed policy is an error with file:line:col and no value: it never silently allows.</summary>
public sealed class PolicyParserTests
{
    private const string Valid = """
        name: no-privileged
        severity: warning
        enforcement: audit
        match: { teams: [ml-*] }
        message: "{workspace} is privileged"
        rule:
          schema:
            properties:
              devcontainer: { properties: { privileged: { enum: [false] } } }
        """;

    [Fact]
    public void Valid_policy_reads_every_field()
    {
        var policy = PolicyHarness.Parse(Valid);
        Assert.Equal(("no-privileged", PolicySeverity.Warning, PolicyEnforcement.Audit, "POL-no-privileged"), (policy.Name, policy.Severity, policy.Enforcement, policy.Code));
        Assert.Equal(["ml-*"], policy.Match.Teams);
        Assert.IsType<SchemaRule>(policy.Rule);
        Assert.False(policy.Blocks);
        Assert.Equal(new SourceLocation("policy.yaml", 1, 7), policy.Location);
    }

    [Theory]
    [InlineData("name: x\nmessage: m\nrule: { schema: {} \n", DiagnosticCodes.SyntaxError, 4, 1)]
    [InlineData("name: x\nmessage: m\nseverty: error\nrule: { schema: {} }\n", DiagnosticCodes.UnknownKey, 3, 1)]
    [InlineData("name: x\nmessage: m\nrule: { builtin: magic }\n", DiagnosticCodes.InvalidValue, 3, 18)]
    [InlineData("name: x\nmessage: m\nrule: { schema: { propertes: {} } }\n", DiagnosticCodes.PolicyInvalid, 3, 19)]
    [InlineData("name: x\nmessage: m\nrule: { schema: { const: 1 } }\n", DiagnosticCodes.PolicyInvalid, 3, 19)]
    [InlineData("name: x\nmessage: m\nrule: { schema: { properties: { a: { pattern: \"([\" } } } }\n", DiagnosticCodes.PolicyInvalid, 3, 38)]
    [InlineData("name: x\nmessage: m\nrule: { schema: { type: strin } }\n", DiagnosticCodes.PolicyInvalid, 3, 19)]
    [InlineData("name: x\nmessage: \"{workspce}\"\nrule: { schema: {} }\n", DiagnosticCodes.PolicyInvalid, 2, 10)]
    [InlineData("name: x\nmessage: m\nrule: { builtin: quota, params: { max: { gpu: 1 } } }\n", DiagnosticCodes.PolicyInvalid, 3, 42)]
    [InlineData("name: x\nmessage: m\nrule: { builtin: allowedRegistries, params: {} }\n", DiagnosticCodes.PolicyInvalid, 3, 37)]
    [InlineData("name: x\nmessage: m\nrule: { schema: { enum: [] } }\n", DiagnosticCodes.PolicyInvalid, 3, 19)]
    [InlineData("name: x\nmessage: m\nrule: {}\n", DiagnosticCodes.PolicyInvalid, 3, 1)]
    [InlineData("name: x\nmessage: m\nwhen: { schema: { if: {} } }\nrule: { schema: {} }\n", DiagnosticCodes.PolicyInvalid, 3, 19)]
    public void Malformed_policy_is_a_located_error(string yaml, string code, int line, int column)
    {
        var parsed = PolicyParser.Parse(yaml, "bad.yaml");
        Assert.Null(parsed.Value);
        var error = parsed.Diagnostics.First(d => d.IsError);
        Assert.Equal((code, "bad.yaml", line, column), (error.Code, error.Location!.File, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Duplicate_names_fail_the_set()
    {
        var parsed = PolicyParser.ParseAll([("a.yaml", Valid), ("b.yaml", Valid)]);
        Assert.False(parsed.Succeeded);
        var error = Assert.Single(parsed.Diagnostics, d => d.IsError);
        Assert.Equal((DiagnosticCodes.DuplicatePolicy, "b.yaml:1:7"), (error.Code, error.Location!.ToString()));
    }

    /// <summary>Why RuleSchemaChecker rejects these keywords: NJsonSchema 11 accepts them when loading but does not enforce them.</summary>
    [Theory]
    [InlineData("""{ "const": 1 }""", "2")]
    [InlineData("""{ "contains": { "enum": [1] } }""", "[2]")]
    [InlineData("""{ "if": { "enum": [2] }, "then": { "enum": [1] } }""", "2")]
    public async Task NJsonSchema_ignores_the_rejected_keywords(string schema, string value)
    {
        var loaded = await JsonSchema.FromJsonAsync(schema);
        Assert.Empty(loaded.Validate(JToken.Parse(value)));
    }
}
