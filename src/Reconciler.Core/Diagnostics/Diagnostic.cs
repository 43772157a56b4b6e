namespace Reconciler.Core.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One finding about user input. <see cref="Code"/> is stable (documented in docs/diagnostics.md) so
/// tools can match on it; <see cref="Message"/> is for people. <see cref="JsonPointer"/> names the
/// value inside the document when there is one (RFC 6901, e.g. <c>/workspaces/0/resources/cpu</c>).
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    SourceLocation? Location = null,
    string? JsonPointer = null)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public static Diagnostic Error(string code, string message, SourceLocation? location = null, string? pointer = null)
        => new(DiagnosticSeverity.Error, code, message, location, pointer);

    public static Diagnostic Warning(string code, string message, SourceLocation? location = null, string? pointer = null)
        => new(DiagnosticSeverity.Warning, code, message, location, pointer);

    /// <summary>Compiler-style single line: <c>file:line:col: error RC0001: message</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? "" : Location + ": ";
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return $"{where}{severity} {Code}: {Message}";
    }
}
