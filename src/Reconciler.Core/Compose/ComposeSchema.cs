using Newtonsoft.Json.Linq;
using NJsonSchema;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Compose;

/// <summary>
/// The Compose Specification's JSON Schema (vendored: Schemas/compose-spec.SOURCE.md), built once per process with
/// <see cref="SchemaBuilder"/>. Its nested <c>definitions.constraints.*</c> are flattened to <c>constraints/…</c>.
/// </summary>
internal static class ComposeSchema
{
    public const string FileName = "compose-spec.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static JsonSchema Get() => Schema.Value;

    private static JsonSchema Load()
    {
        var root = JObject.Parse(EmbeddedSchemas.ReadText(FileName));
        if (root["definitions"] is JObject definitions && definitions["constraints"] is JObject constraints)
        {
            definitions.Remove("constraints");
            foreach (var (name, definition) in constraints)
            {
                definitions["constraints/" + name] = definition;
            }
        }

        return SchemaBuilder.Build(root.ToString());
    }
}
