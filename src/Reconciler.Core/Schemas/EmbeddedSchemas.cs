using System.Collections.Concurrent;
using NJsonSchema;

namespace Reconciler.Core.Schemas;

/// <summary>
/// The JSON Schemas shipped inside this assembly (<c>Schemas/*.json</c>), loaded once per process and shared.
/// Loading is thread-safe; a broken embedded schema is a build defect and throws.
/// </summary>
internal static class EmbeddedSchemas
{
    public const string Workspace = "workspace.schema.json";
    public const string ReconcilerConfig = "reconciler-config.schema.json";
    public const string Policy = "policy.schema.json";

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new(StringComparer.Ordinal);

    public static JsonSchema Get(string fileName)
        => Cache.GetOrAdd(fileName, name => new Lazy<JsonSchema>(() => Load(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static string ReadText(string fileName)
    {
        var resource = "Reconciler.Core.Schemas." + fileName;
        using var stream = typeof(EmbeddedSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded schema '{resource}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonSchema Load(string fileName) => SchemaBuilder.Build(ReadText(fileName));
}
