using System.Runtime.CompilerServices;
using NJsonSchema.Validation;
using Reconciler.Core.Documents;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Schemas;

namespace Reconciler.Core.Policies;

/// <summary>
/// Evaluates policies over the effective documents of one repository's workspaces. Pure and deterministic:
/// violations come out in policy order, then workspace order, then document order. Schemas are the policies'
/// own cached <see cref="NJsonSchema.JsonSchema"/> objects; validating does not mutate them, so one policy set
/// may be shared by concurrent evaluations. Rules are walked with <see cref="SchemaWalk"/>, which hands NJsonSchema
/// only the parts of the document a rule constrains.
/// </summary>
public static class PolicyEvaluator
{
    // The validator keeps only its format validators (read-only after construction); building them per call was
    // most of the cost of an evaluation, so one instance serves every call.
    private static readonly JsonSchemaValidator Validator = new();

    // Each policy's message, split once into text and placeholders. Keyed by the policy object (not by value: a policy
    // copied with another message gets its own entry), and dropped with it.
    private static readonly ConditionalWeakTable<Policy, CompiledMessage> Messages = [];

    private static readonly int ValueIndex = Array.IndexOf(MessageTemplate.Placeholders, "value");
    private static readonly int DetailIndex = Array.IndexOf(MessageTemplate.Placeholders, "detail");

    public static IReadOnlyList<PolicyViolation> Evaluate(IReadOnlyList<Policy> policies, IReadOnlyList<EffectiveWorkspace> workspaces)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(workspaces);
        var violations = new List<PolicyViolation>();
        List<EffectiveWorkspace>? inScope = null;
        foreach (var policy in policies)
        {
            inScope?.Clear();
            foreach (var workspace in workspaces)
            {
                if (PolicyScopes.Applies(policy, workspace) && Accepts(policy, workspace))
                {
                    (inScope ??= new List<EffectiveWorkspace>(workspaces.Count)).Add(workspace);
                }
            }

            if (inScope is not { Count: > 0 })
            {
                continue;
            }

            switch (policy.Rule)
            {
                case SchemaRule schema:
                    foreach (var workspace in inScope)
                    {
                        AddSchemaFindings(policy, schema, workspace, violations);
                    }

                    break;
                case BuiltinRule builtin:
                    foreach (var finding in builtin.Evaluate(inScope))
                    {
                        violations.Add(ToViolation(policy, finding));
                    }

                    break;
            }
        }

        return violations;
    }

    /// <summary>One violation per leaf error, the first for each pointer (a document walked cleanly costs no allocation here).</summary>
    private static void AddSchemaFindings(Policy policy, SchemaRule rule, EffectiveWorkspace workspace, List<PolicyViolation> violations)
    {
        var errors = rule.Walk is { } walk ? walk.Errors(workspace.Root) : Validator.Validate(workspace.Root, rule.Schema);
        if (errors.Count == 0)
        {
            return;
        }

        HashSet<string>? seen = null;
        foreach (var error in ValidationErrorFlattener.Leaves(errors))
        {
            var pointer = error.Token is null ? "" : TokenPointer.Of(error.Token);
            if (error.Kind == ValidationErrorKind.PropertyRequired)
            {
                pointer = JsonPointer.Append(pointer, error.Property ?? "");
            }

            if ((seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(pointer))
            {
                violations.Add(ToViolation(policy, new RuleFinding(workspace, pointer, error)));
            }
        }
    }

    private static bool Accepts(Policy policy, EffectiveWorkspace workspace) => policy switch
    {
        { When: null } => true,
        { WhenWalk: { } walk } => walk.Accepts(workspace.Root),
        _ => Validator.Validate(workspace.Root, policy.When).Count == 0,
    };

    private static PolicyViolation ToViolation(Policy policy, RuleFinding finding)
    {
        var workspace = finding.Workspace;
        var source = workspace.Sources.Resolve(finding.Pointer);
        var message = Messages.GetValue(policy, static p => MessageTemplate.Compile(p.Message));

        // In the order of MessageTemplate.Placeholders; {value} and {detail} only when the message shows them.
        ReadOnlySpan<string?> values =
        [
            workspace.Workspace,
            message.Uses(ValueIndex) ? ViolationText.Value(ViolationText.At(workspace.Root, finding.Pointer)) : null,
            source.Pointer,
            workspace.Team ?? "(none)",
            workspace.Owner ?? "(none)",
            workspace.Repository,
            policy.Name,
            message.Uses(DetailIndex) ? finding.Detail : null,
        ];
        return new PolicyViolation(policy, workspace.Repository, workspace.Workspace, OneLine(message.Render(values)), source.Location, source.Pointer, finding.Pointer);
    }

    private static string OneLine(string text) => text.Trim().Replace('\r', ' ').Replace('\n', ' ');
}
