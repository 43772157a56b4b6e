using NJsonSchema.Validation;
using Reconciler.Core.Policies.Effective;

namespace Reconciler.Core.Policies;

/// <summary>
/// One finding of a rule: the workspace, the effective-document pointer of the offending value, and why. A schema
/// finding keeps its validation error and words it only when a message asks for <c>{detail}</c>.
/// </summary>
internal sealed class RuleFinding
{
    private readonly ValidationError? _error;
    private string? _detail;

    public RuleFinding(EffectiveWorkspace workspace, string pointer, string detail)
        => (Workspace, Pointer, _detail) = (workspace, pointer, detail);

    public RuleFinding(EffectiveWorkspace workspace, string pointer, ValidationError error)
        => (Workspace, Pointer, _error) = (workspace, pointer, error);

    public EffectiveWorkspace Workspace { get; }

    public string Pointer { get; }

    public string Detail => _detail ??= ViolationText.Detail(_error!);
}
