using CsCheck;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Workspaces;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Policies;

/// <summary>
/// <see cref="SchemaWalk"/> is an optimisation only: for every rule and document it must give exactly what
/// NJsonSchema's validator gives on the whole document (same errors, same order), so the violations, their
/// locations and messages do not change.
/// </summary>
public sealed class SchemaWalkParityTests
{
    private static readonly JsonSchemaValidator Validator = new();

    private static readonly string[] WorkspaceVariants =
    [
        "version: 1\nworkspaces:\n  - name: dev\n",
        "version: 1\nworkspaces:\n  - name: gpu\n    team: ml\n    gpu: { mode: exclusive, count: 2 }\n    ports: [{ port: 8888, expose: public }]\n",
        "version: 1\nworkspaces:\n  - name: tmp\n    lifecycle: { policy: ephemeral, ttl: 90d }\n    resources: { cpu: 64, memory: 512Gi }\n",
    ];

    [Fact]
    public void Default_set_gives_the_same_violations_with_and_without_the_walk_over_the_corpus()
    {
        var walked = PolicyHarness.DefaultSet;
        var plain = walked.Select(WithoutWalk).ToList();
        Assert.Contains(walked, p => p.Rule is SchemaRule { Walk: not null });
        var files = Directory.GetFiles(TestPaths.Fixture("devcontainer-corpus"), "*.json").Order(StringComparer.Ordinal).ToList();
        var compared = 0;
        var violations = 0;
        foreach (var yaml in WorkspaceVariants)
        {
            var parsed = WorkspaceFileParser.Parse(yaml, ".daytona/workspace.yaml");
            Assert.True(parsed.Value is not null, string.Join("\n", parsed.Diagnostics));
            var workspaceFile = parsed.Value;
            foreach (var path in files)
            {
                var config = DevcontainerParser.Parse(File.ReadAllText(path), Path.GetFileName(path), SubstitutionContext.Empty("/src/repo", "id")).Value;
                if (config is null)
                {
                    continue;
                }

                var effective = EffectiveWorkspaceBuilder.Build(workspaceFile, 0, config, "example.test/corpus", "/src/repo");
                var expected = PolicyEvaluator.Evaluate(plain, [effective]).Select(Describe).ToList();
                var actual = PolicyEvaluator.Evaluate(walked, [effective]).Select(Describe).ToList();
                Assert.Equal(expected, actual);
                compared++;
                violations += expected.Count;
            }
        }

        Assert.True(compared >= 600, $"only {compared} documents compared");
        Assert.True(violations > 100, $"only {violations} violations: the comparison needs violating documents too");
    }

    /// <summary>Schemas that exercise each shape the walk treats on its own: nesting, nullable children, other keywords.</summary>
    private static readonly string[] Schemas =
    [
        """{ "properties": { "a": { "enum": [false] }, "b": { "properties": { "c": { "type": "string", "pattern": "^x" } } } } }""",
        """{ "properties": { "a": { "type": ["string", "null"], "maxLength": 2 }, "b": { "enum": [1, "1", null] } } }""",
        """{ "title": "t", "properties": { "b": { "properties": { "c": { "not": { "enum": ["x"] } }, "a": { "items": { "type": "integer" } } } } } }""",
        """{ "properties": { "a": { "properties": { "b": { "required": ["c"], "properties": { "c": { "minimum": 2 } } } } } } }""",
        """{ "type": "object", "properties": { "a": { "enum": [true] } } }""",
        """{ "properties": { "a": { "anyOf": [{ "type": "string" }, { "type": "integer", "maximum": 3 }] }, "b": { "additionalProperties": false, "properties": { "c": {} } } } }""",
        """{ "properties": { "a": { "$ref": "#/definitions/d" } }, "definitions": { "d": { "enum": ["x"] } } }""",
        """{ "properties": { "b": { "properties": { "a": { "type": ["string", "null"], "not": { "type": "null" } } } } } }""",
        """{ "definitions": { "d": { "not": { "pattern": "^x" } } }, "properties": { "a": { "$ref": "#/definitions/d" }, "b": { "properties": { "c": { "$ref": "#/definitions/d" } } } }, "anyOf": [{ "required": ["a"] }, { "properties": { "b": { "required": ["c"], "properties": { "c": { "pattern": "y$" } } } } }] }""",
        """{ "properties": { "b": { "anyOf": [{ "properties": { "a": { "enum": [1] } } }, { "properties": { "c": { "not": { "enum": [null] } } } }] } } }""",
        """{ "required": ["a", "z"], "properties": { "a": { "minimum": 1, "maximum": 3 }, "b": { "enum": [null] } }, "not": { "required": ["c"] } }""",
        """{ "items": { "properties": { "a": { "enum": ["x", 1] } }, "required": ["b"] }, "pattern": "^a", "maximum": 2, "enum": [2, "abc", [1]] }""",
        """{ "properties": { "b": { "items": { "$ref": "#/definitions/d" } }, "c": { "items": { "not": { "minimum": 0 } } } }, "definitions": { "d": { "pattern": "^x" } } }""",
        """{ "properties": { "a": { "type": "integer", "maximum": 2 }, "b": { "items": [{ "enum": [1] }] }, "c": { "required": ["a"] } } }""",
        """{ "definitions": { "t": { "properties": { "a": { "$ref": "#/definitions/t" }, "b": { "enum": [1] } } } }, "properties": { "c": { "$ref": "#/definitions/t" } } }""",
        """{ "definitions": { "u": { "not": { "pattern": "^(x|1)" } } }, "properties": { "a": { "items": { "$ref": "#/definitions/u" } } }, "anyOf": [{ "$ref": "#/definitions/u" }, { "required": ["b"] }] }""",
        """{ "properties": { "a": { "type": "string", "pattern": "^x" }, "b": { "type": "integer", "minimum": 1 }, "c": { "type": "number", "maximum": 2 } } }""",
        """{ "properties": { "a": { "type": "boolean" }, "b": { "type": "object", "required": ["a"] }, "c": { "type": "array", "items": { "type": "null" } } } }""",
        """{ "type": "null", "required": ["a"], "properties": { "z": { "type": "string" } } }""",
    ];

    private static readonly Gen<JToken> Leaf = Gen.OneOf<JToken>(
        Gen.Const<JToken>(JValue.CreateNull()), Gen.Bool.Select(b => (JToken)new JValue(b)), Gen.Int[-1, 4].Select(i => (JToken)new JValue(i)),
        Gen.OneOf(Gen.Const(2.5), Gen.Const(1e30), Gen.Const(-1e300)).Select(d => (JToken)new JValue(d)),
        Gen.OneOf(Gen.Const("x"), Gen.Const("xy"), Gen.Const("1"), Gen.Const("abc")).Select(s => (JToken)new JValue(s)));

    private static readonly Gen<JToken> Document = Gen.Recursive<JToken>((depth, self) => depth >= 3
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, self.Array[0, 3].Select(items => (JToken)new JArray(items.Cast<object>().ToArray()))),
            (4, Gen.Select(Gen.OneOf(Gen.Const("a"), Gen.Const("b"), Gen.Const("c"), Gen.Const("z")), self).Array[0, 4]
                .Select(members => (JToken)new JObject(members.DistinctBy(m => m.Item1).Select(m => new JProperty(m.Item1, m.Item2)).Cast<object>().ToArray())))));

    [Fact]
    public void Walk_gives_the_validators_errors_for_random_documents()
    {
        var loaded = Schemas.Select(text => (Raw: JToken.Parse(text), Schema: JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult())).ToList();
        Gen.Select(Gen.Int[0, Schemas.Length - 1], Document).Sample((index, document) =>
        {
            var (raw, schema) = loaded[index];
            var expected = Validator.Validate(document, schema).Select(Describe).ToList();
            var actual = SchemaWalk.Build(raw, schema).Errors(document).Select(Describe).ToList();
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Count == 0, SchemaWalk.Build(raw, schema).Accepts(document));
        }, iter: 3000);
    }

    private static Policy WithoutWalk(Policy policy) => policy with
    {
        WhenWalk = null,
        Rule = policy.Rule is SchemaRule rule ? new SchemaRule(rule.Schema) : policy.Rule,
    };

    private static string Describe(PolicyViolation v) => $"{v.Policy.Name} {v.Workspace} {v.Pointer} {v.Location} {v.Message}";

    // Property is compared where the violation text reads it; for other kinds the validator fills in the name of the
    // property being validated, which a walk that starts below it does not know and nothing reads.
    private static string Describe(ValidationError e)
        => $"{e.Kind} {(e.Token is null ? "" : TokenPointer.Of(e.Token))} {e.Schema?.GetHashCode()} "
           + $"{(e.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed ? e.Property : "")} "
           + (e is ChildSchemaValidationError c
               ? "{" + string.Join("; ", c.Errors.Select(x => $"{x.Key.GetHashCode()}: [{string.Join(", ", x.Value.Select(Describe))}]")) + "}"
               : "");
}
