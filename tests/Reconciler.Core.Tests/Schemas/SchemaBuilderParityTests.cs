using NJsonSchema;
using NJsonSchema.Validation;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Tests.Schemas;

/// <summary>
/// The fast schema builder must validate exactly as NJsonSchema's own loader does: same error kinds at the
/// same paths (nested oneOf errors included), for valid and broken documents of both schema files.
/// </summary>
public sealed class SchemaBuilderParityTests
{
    public static TheoryData<string, string> Documents => new()
    {
        { EmbeddedSchemas.Workspace, File.ReadAllText(Path.Combine(Reconciler.TestKit.TestPaths.RepositoryRoot, "docs", "examples", "workspace.yaml")) },
        { EmbeddedSchemas.Workspace, "version: 1\nworkspaces:\n  - name: web\n" },
        { EmbeddedSchemas.Workspace, "version: 2\nextra: 1\nworkspaces:\n  - name: Web_1\n    resorces: {}\n" },
        { EmbeddedSchemas.Workspace, "version: 1\nworkspaces:\n  - name: a\n    resources: { cpu: lots, memory: 12XB, disk: -1 }\n    gpu: { mode: turbo, count: 0 }\n" },
        { EmbeddedSchemas.Workspace, "version: 1\nworkspaces:\n  - name: a\n    storage: [ { name: d, type: nfs, mountPath: 5 }, 7 ]\n    ports: [ { port: 99999, expose: world } ]\n" },
        { EmbeddedSchemas.Workspace, "version: 1\nworkspaces:\n  - name: a\n    lifecycle: { policy: sometimes, idleTimeout: 5 parsecs, ttl: 3d }\n    labels: { a: 1, b: [x] }\n    access: { ssh: yes-please }\n" },
        { EmbeddedSchemas.Workspace, "version: 1\ndefaults: { team: 5, name: x }\nworkspaces: {}\n" },
        { EmbeddedSchemas.Workspace, "[1, 2]\n" },
        { EmbeddedSchemas.ReconcilerConfig, File.ReadAllText(Path.Combine(Reconciler.TestKit.TestPaths.RepositoryRoot, "docs", "examples", "reconciler.yaml")) },
        { EmbeddedSchemas.ReconcilerConfig, File.ReadAllText(Path.Combine(Reconciler.TestKit.TestPaths.RepositoryRoot, "examples", "reconciler.yaml")) },
        { EmbeddedSchemas.ReconcilerConfig, "version: 1\nrepositories: [ { url: 5, branches: [], pollInterval: x }, { branches: [a, a] } ]\nworker: { concurrency: 0 }\nserver: {}\n" },
        { EmbeddedSchemas.ReconcilerConfig, "version: 1\nruntimes:\n  docker:\n    default: { endpoint: 5 }\n    x: {}\ndevcontainer: { localEnvAllowList: [1], other: true }\n" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Built_schema_reports_the_same_errors_as_the_njsonschema_loader(string schemaFile, string yaml)
    {
        var document = YamlDocumentReader.Read(yaml, "doc.yaml").Value!.Root;
        var reference = await JsonSchema.FromJsonAsync(EmbeddedSchemas.ReadText(schemaFile));
        var built = SchemaBuilder.Build(EmbeddedSchemas.ReadText(schemaFile));

        Assert.Equal(Describe(reference.Validate(document)), Describe(built.Validate(document)));
    }

    [Fact]
    public void An_unknown_keyword_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaBuilder.Build("""{ "type": "object", "dependencies": { "a": ["b"] } }"""));

        Assert.Contains("dependencies", error.Message, StringComparison.Ordinal);
    }

    private static List<string> Describe(IEnumerable<ValidationError> errors)
    {
        var lines = new List<string>();
        void Walk(ValidationError error, string indent)
        {
            lines.Add($"{indent}{error.Kind} {error.Path} {error.Property}");
            if (error is ChildSchemaValidationError child)
            {
                foreach (var (_, nested) in child.Errors.OrderBy(e => e.Key.GetHashCode()))
                {
                    foreach (var inner in nested)
                    {
                        Walk(inner, indent + "  ");
                    }
                }
            }
        }

        foreach (var error in errors)
        {
            Walk(error, "");
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
