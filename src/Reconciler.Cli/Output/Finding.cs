using Reconciler.Core.Diagnostics;
using Reconciler.Core.Policies;

namespace Reconciler.Cli.Output;

/// <summary>
/// One line of a validation report, from a diagnostic (invalid input) or a policy violation, in the shape every
/// output format needs. <see cref="Level"/> is <c>error</c>, <c>warning</c> or <c>note</c> (SARIF's words).
/// </summary>
internal sealed record Finding(string Level, string RuleId, string Message, SourceLocation? Location, string? Pointer, string? Workspace, bool Blocks)
{
    public static Finding From(Diagnostic diagnostic)
        => new(diagnostic.IsError ? "error" : "warning", diagnostic.Code, diagnostic.Message, diagnostic.Location, diagnostic.JsonPointer, null, diagnostic.IsError);

    public static Finding From(PolicyViolation violation)
        => new(violation.Level.ToString().ToLowerInvariant(), violation.Code, violation.Message, violation.Location, violation.Pointer, violation.Workspace, violation.Blocks);

    /// <summary>Diagnostics then violations, each in file, line, column order.</summary>
    public static IReadOnlyList<Finding> All(IEnumerable<Diagnostic> diagnostics, IEnumerable<PolicyViolation> violations)
        => [.. Sorted(diagnostics.Select(From)), .. Sorted(violations.Select(From))];

    /// <summary>Compiler style: <c>file:line:col: error POL-no-privileged: message</c>.</summary>
    public override string ToString()
        => $"{(Location is null ? "" : Location + ": ")}{Level} {RuleId}: {OneLine(Message)}";

    public static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

    private static IEnumerable<Finding> Sorted(IEnumerable<Finding> findings)
        => findings.OrderBy(f => f.Location?.File, StringComparer.Ordinal).ThenBy(f => f.Location?.Line).ThenBy(f => f.Location?.Column);
}
