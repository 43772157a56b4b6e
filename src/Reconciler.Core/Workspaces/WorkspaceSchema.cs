using NJsonSchema;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Workspaces;

/// <summary>The JSON Schema of workspace.yaml (<c>Schemas/workspace.schema.json</c>, embedded), loaded once.</summary>
public static class WorkspaceSchema
{
    /// <summary>The schema text, as editors use it through <c># yaml-language-server: $schema=…</c>.</summary>
    public static string Text => EmbeddedSchemas.ReadText(EmbeddedSchemas.Workspace);

    internal static JsonSchema Schema => EmbeddedSchemas.Get(EmbeddedSchemas.Workspace);
}
