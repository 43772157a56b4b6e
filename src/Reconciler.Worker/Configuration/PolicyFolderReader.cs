using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Reads the <c>policies</c> folder at start-up: every <c>*.yaml</c>/<c>*.yml</c> file is one policy (docs/policies.md).
/// A missing folder is reported where <c>policies:</c> is written; a malformed policy at its own file:line:column.
/// Either stops the worker: a policy that cannot be read never silently allows.
/// </summary>
internal static class PolicyFolderReader
{
    public static IReadOnlyList<Policy> Read(PolicyFolderConfig? folder, string baseDirectory, List<Diagnostic> diagnostics)
    {
        if (folder is null)
        {
            return [];
        }

        var path = Path.GetFullPath(folder.Path, baseDirectory);
        if (!Directory.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.ConfigInvalid, $"policies: the policy folder {path} does not exist", folder.Location, "/policies"));
            return [];
        }

        var files = new List<(string File, string Text)>();
        foreach (var file in Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal))
        {
            var shown = Path.GetRelativePath(baseDirectory, file);
            if (new FileInfo(file).Length > InputLimits.MaxFileBytes)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.FileTooLarge, "policy file is too large", SourceLocation.StartOf(shown)));
                continue;
            }

            files.Add((shown, File.ReadAllText(file)));
        }

        var parsed = PolicyParser.ParseAll(files);
        if (!parsed.Succeeded)
        {
            diagnostics.AddRange(parsed.Diagnostics.Where(d => d.IsError));
            return [];
        }

        return parsed.Value!;
    }
}
