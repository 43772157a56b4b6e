using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// Parses <c>.daytona/workspace.yaml</c>: read the YAML, validate it against the embedded schema, merge
/// <c>defaults:</c> into each workspace, bind to <see cref="WorkspaceSpec"/>s and check the rules that span values.
/// Every diagnostic carries a location and a JSON pointer. Never throws; a result with errors has no value.
/// </summary>
public static class WorkspaceFileParser
{
    /// <param name="storage">The <c>storage</c> names of the worker configuration that volumes may refer to (default: none).</param>
    public static ParseResult<WorkspaceFileSpec> Parse(string text, string file, StorageReferences? storage = null)
    {
        var read = YamlDocumentReader.Read(text, file);
        if (read.Value is not { } document || !read.Succeeded)
        {
            return ParseResult<WorkspaceFileSpec>.Failed(read.Diagnostics);
        }

        IReadOnlyList<Diagnostic> schemaErrors;
        try
        {
            schemaErrors = SchemaDiagnostics.Validate(WorkspaceSchema.Schema, document);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The validator is third-party code; a value it cannot handle is reported, not thrown.
            return ParseResult<WorkspaceFileSpec>.Failed([Diagnostic.Error(DiagnosticCodes.SchemaViolation, "could not validate the file: " + ex.Message, SourceLocation.StartOf(file), "")]);
        }

        if (schemaErrors.Count > 0 || document.Root is not JObject root)
        {
            return ParseResult<WorkspaceFileSpec>.Failed(schemaErrors);
        }

        DefaultsMerger.Merge(root, document.Map);
        var diagnostics = new DiagnosticBag();
        var binder = new WorkspaceBinder(document.Map, diagnostics);
        var rules = new WorkspaceRules(document.Map, diagnostics, storage ?? StorageReferences.None);
        var workspaces = new List<WorkspaceSpec>();
        var entries = JsonRead.Objects(root, "workspaces").ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var pointer = JsonPointer.Append("/workspaces", i);
            var workspace = binder.Bind(entries[i], pointer);
            rules.Check(workspace, entries[i], pointer);
            workspaces.Add(workspace);
        }

        rules.CheckNamesUnique(workspaces);
        if (diagnostics.HasErrors)
        {
            return ParseResult<WorkspaceFileSpec>.Failed(Sorted(diagnostics));
        }

        var prune = JsonRead.Object(root, "prune") is { } pruneSection && (JsonRead.Bool(pruneSection, "volumes") ?? false);
        var spec = new WorkspaceFileSpec(Version: 1, workspaces, prune, document);
        return new ParseResult<WorkspaceFileSpec>(spec, Sorted(diagnostics));
    }

    private static List<Diagnostic> Sorted(DiagnosticBag diagnostics)
        => [.. diagnostics.Items.OrderBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0)];
}
