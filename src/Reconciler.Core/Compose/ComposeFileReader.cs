using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Compose;

/// <summary>
/// Reads one compose file: YAML (the project's safe subset: no anchors, aliases or tags), then the Compose
/// Specification's JSON Schema (<see cref="DiagnosticCodes.ComposeFileInvalid"/>), then Reconciler's supported subset
/// (<see cref="DiagnosticCodes.ComposeKeyUnsupported"/>). Every problem is located at file:line:column; never throws.
/// </summary>
public static class ComposeFileReader
{
    public static ParseResult<LocatedDocument> Read(string text, string file)
    {
        var parsed = YamlDocumentReader.Read(text, file);
        if (!parsed.Succeeded)
        {
            return parsed;
        }

        var document = parsed.Value!;
        var diagnostics = new DiagnosticBag();
        foreach (var error in SchemaDiagnostics.Validate(ComposeSchema.Get(), document))
        {
            diagnostics.Add(error with { Code = DiagnosticCodes.ComposeFileInvalid, Message = "compose file: " + error.Message });
        }

        if (!diagnostics.HasErrors)
        {
            ComposeSubset.Check(document, diagnostics);
        }

        return diagnostics.HasErrors ? ParseResult<LocatedDocument>.Failed(diagnostics.Items) : new ParseResult<LocatedDocument>(document, diagnostics.Items);
    }
}
