using Newtonsoft.Json.Linq;
using NJsonSchema;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies.Builtins;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Policies;

/// <summary>
/// Parses policy files (docs/policies.md): YAML → the published schema (docs/schemas/policy.schema.json) → the
/// rule's own checks. A malformed policy is an error with file:line:col and has no value: a policy that cannot be
/// read never silently allows. Pure: the host reads the files and passes their text. Never throws.
/// </summary>
public static class PolicyParser
{
    /// <summary>Parses a set of policy files and checks that names are unique; any error fails the whole set.</summary>
    public static ParseResult<IReadOnlyList<Policy>> ParseAll(IEnumerable<(string File, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new DiagnosticBag();
        var policies = new List<Policy>();
        foreach (var (file, text) in files)
        {
            var parsed = Parse(text, file);
            diagnostics.AddRange(parsed.Diagnostics);
            if (parsed.Value is not { } policy)
            {
                continue;
            }

            if (policies.Find(p => p.Name == policy.Name) is { } first)
            {
                diagnostics.Error(DiagnosticCodes.DuplicatePolicy, $"policy name '{policy.Name}' is already used by {first.Location}", policy.Location, "/name");
                continue;
            }

            policies.Add(policy);
        }

        return diagnostics.HasErrors ? ParseResult<IReadOnlyList<Policy>>.Failed(diagnostics.Items) : new(policies, diagnostics.Items);
    }

    public static ParseResult<Policy> Parse(string text, string file)
    {
        var read = YamlDocumentReader.Read(text, file);
        if (read.Value is not { } document || !read.Succeeded)
        {
            return ParseResult<Policy>.Failed(read.Diagnostics);
        }

        var schemaErrors = SchemaDiagnostics.Validate(EmbeddedSchemas.Get(EmbeddedSchemas.Policy), document);
        if (schemaErrors.Count > 0 || document.Root is not JObject root)
        {
            return ParseResult<Policy>.Failed(schemaErrors);
        }

        var map = document.Map;
        var diagnostics = new DiagnosticBag();
        var message = (string)root["message"]!;
        foreach (var unknown in MessageTemplate.Unknown(message))
        {
            diagnostics.Error(DiagnosticCodes.PolicyInvalid,
                $"unknown placeholder {{{unknown}}} in message; known: {string.Join(", ", MessageTemplate.Placeholders.Select(p => "{" + p + "}"))}",
                map.ValueLocation("/message"), "/message");
        }

        var whenRaw = (root["when"] as JObject)?["schema"];
        var when = whenRaw is null ? null : LoadSchema(whenRaw, "/when/schema", map, diagnostics);
        var rule = ReadRule((JObject)root["rule"]!, map, diagnostics);
        if (diagnostics.HasErrors || rule is null)
        {
            return ParseResult<Policy>.Failed(diagnostics.Items);
        }

        var policy = new Policy
        {
            Name = (string)root["name"]!,
            Description = (string?)root["description"] ?? "",
            Severity = (string?)root["severity"] == "warning" ? PolicySeverity.Warning : PolicySeverity.Error,
            Enforcement = (string?)root["enforcement"] switch { "audit" => PolicyEnforcement.Audit, "warn" => PolicyEnforcement.Warn, _ => PolicyEnforcement.Enforce },
            Match = Scope(root["match"]),
            Exclude = Scope(root["exclude"]),
            Message = message,
            When = when,
            WhenWalk = when is null ? null : SchemaWalk.Build(whenRaw!, when),
            Rule = rule,
            Location = map.ValueLocation("/name"),
        };
        return new ParseResult<Policy>(policy, diagnostics.Items);
    }

    private static PolicyRule? ReadRule(JObject rule, SourceMap map, DiagnosticBag diagnostics)
    {
        var schema = rule["schema"];
        var builtin = rule["builtin"];
        if ((schema is null) == (builtin is null))
        {
            diagnostics.Error(DiagnosticCodes.PolicyInvalid, "rule: write exactly one of 'schema' or 'builtin'", map.Locate("/rule"), "/rule");
            return null;
        }

        if (schema is not null)
        {
            if (rule["params"] is not null)
            {
                diagnostics.Error(DiagnosticCodes.PolicyInvalid, "rule: 'params' belongs to a builtin rule, not to a schema", map.Locate("/rule/params"), "/rule/params");
            }

            return LoadSchema(schema, "/rule/schema", map, diagnostics) is { } loaded ? new SchemaRule(loaded) { Walk = SchemaWalk.Build(schema, loaded) } : null;
        }

        return BuiltinRules.Create((string)builtin!, rule["params"] as JObject, "/rule/builtin", "/rule/params", map, diagnostics);
    }

    /// <summary>Checks the schema's keywords first (see <see cref="RuleSchemaChecker"/>), then loads it with all of NJsonSchema's draft-07 support.</summary>
    private static JsonSchema? LoadSchema(JToken schema, string pointer, SourceMap map, DiagnosticBag diagnostics)
    {
        var errors = new DiagnosticBag();
        RuleSchemaChecker.Check(schema, pointer, map, errors);
        diagnostics.AddRange(errors.Items);
        if (errors.HasErrors)
        {
            return null;
        }

        try
        {
            // No external references are allowed (RuleSchemaChecker), so loading completes without I/O.
            return JsonSchema.FromJsonAsync(schema.ToString(Newtonsoft.Json.Formatting.None)).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Error(DiagnosticCodes.PolicyInvalid, "invalid JSON Schema: " + ex.Message.Replace('\n', ' '), map.Locate(pointer), pointer);
            return null;
        }
    }

    private static PolicyScope Scope(JToken? token)
    {
        if (token is not JObject scope)
        {
            return PolicyScope.All;
        }

        static IReadOnlyList<string> Globs(JObject scope, string key) => scope[key] is JArray list ? [.. list.Select(v => (string)v!)] : [];
        return new PolicyScope(Globs(scope, "repositories"), Globs(scope, "teams"), Globs(scope, "deployments"), Globs(scope, "types"));
    }

    /// <summary>The published policy schema text (docs/schemas/policy.schema.json), as embedded.</summary>
    public static string SchemaText => EmbeddedSchemas.ReadText(EmbeddedSchemas.Policy);
}
