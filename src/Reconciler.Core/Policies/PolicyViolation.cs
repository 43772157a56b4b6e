using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Policies;

/// <summary>How a violation is reported: SARIF levels (note, warning, error), GitHub's notice, warning, error.</summary>
public enum ViolationLevel
{
    Note,
    Warning,
    Error,
}

/// <summary>
/// One workspace breaking one policy. <see cref="Location"/> and <see cref="Pointer"/> name the source value that
/// caused it (in workspace.yaml or devcontainer.json; for an inherited value, the line in <c>defaults:</c> and the
/// workspace's pointer); <see cref="DocumentPointer"/> is the pointer inside the effective document.
/// </summary>
public sealed record PolicyViolation(
    Policy Policy,
    string Repository,
    string Workspace,
    string Message,
    SourceLocation Location,
    string Pointer,
    string DocumentPointer)
{
    public string Code => Policy.Code;

    /// <summary>Whether this violation stops the workspace from being created or changed.</summary>
    public bool Blocks => Policy.Blocks;

    public ViolationLevel Level => Policy.Enforcement switch
    {
        PolicyEnforcement.Audit => ViolationLevel.Note,
        PolicyEnforcement.Warn => ViolationLevel.Warning,
        _ => Policy.Severity == PolicySeverity.Error ? ViolationLevel.Error : ViolationLevel.Warning,
    };

    /// <summary>Compiler style: <c>file:line:col: error POL-no-privileged: message</c>.</summary>
    public override string ToString() => $"{Location}: {Level.ToString().ToLowerInvariant()} {Code}: {Message}";
}
