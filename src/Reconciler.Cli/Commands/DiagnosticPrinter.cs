using Reconciler.Core.Diagnostics;

namespace Reconciler.Cli.Commands;

/// <summary>Prints diagnostics like a compiler: one line each, errors first within a file, no stack traces.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics
                     .OrderBy(d => d.Location?.File, StringComparer.Ordinal)
                     .ThenBy(d => d.Location?.Line)
                     .ThenBy(d => d.Location?.Column))
        {
            writer.WriteLine(OneLine(diagnostic.ToString()));
        }
    }

    /// <summary>Policy violations in the same style (<c>file:line:col: error POL-name: message</c>); enforced ones block their workspace.</summary>
    public static void Print(TextWriter writer, IEnumerable<Core.Policies.PolicyViolation> violations)
    {
        foreach (var violation in violations
                     .OrderBy(v => v.Location.File, StringComparer.Ordinal)
                     .ThenBy(v => v.Location.Line)
                     .ThenBy(v => v.Location.Column))
        {
            writer.WriteLine(OneLine(violation.ToString()));
        }
    }

    /// <summary>Diagnostics are one line; user text inside them (a key, a value) must not break that.</summary>
    private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');
}
