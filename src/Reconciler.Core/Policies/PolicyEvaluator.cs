using Newtonsoft.Json.Linq;
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

            var findings = policy.Rule switch
            {
                SchemaRule schema => inScope.SelectMany(w => SchemaFindings(schema, w)),
                BuiltinRule builtin => builtin.Evaluate(inScope),
                _ => [],
            };
            foreach (var finding in findings)
            {
                violations.Add(ToViolation(policy, finding));
            }
        }

        return violations;
    }

    private static IEnumerable<RuleFinding> SchemaFindings(SchemaRule rule, EffectiveWorkspace workspace)
    {
        var errors = rule.Walk is { } walk ? walk.Errors(workspace.Root) : Validator.Validate(workspace.Root, rule.Schema);
        if (errors.Count == 0)
        {
            return [];
        }

        return ValidationErrorFlattener.Leaves(errors)
            .Select(error =>
            {
                var pointer = error.Token is null ? "" : TokenPointer.Of(error.Token);
                if (error.Kind == ValidationErrorKind.PropertyRequired)
                {
                    pointer = JsonPointer.Append(pointer, error.Property ?? "");
                }

                return new RuleFinding(workspace, pointer, ViolationText.Detail(error));
            })
            .DistinctBy(f => f.Pointer, StringComparer.Ordinal);
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
        var value = workspace.Root.SelectToken(ViolationText.ToPath(finding.Pointer), errorWhenNoMatch: false);
        var message = MessageTemplate.Render(policy.Message, name => name switch
        {
            "workspace" => workspace.Workspace,
            "value" => ViolationText.Value(value),
            "pointer" => source.Pointer,
            "team" => workspace.Team ?? "(none)",
            "owner" => workspace.Owner ?? "(none)",
            "repository" => workspace.Repository,
            "policy" => policy.Name,
            "detail" => finding.Detail,
            _ => null,
        });
        return new PolicyViolation(policy, workspace.Repository, workspace.Workspace, OneLine(message), source.Location, source.Pointer, finding.Pointer);
    }

    private static string OneLine(string text) => text.Trim().Replace('\r', ' ').Replace('\n', ' ');
}
