using NJsonSchema;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Policies;

/// <summary>How serious a violation is. See docs/policies.md.</summary>
public enum PolicySeverity
{
    Warning,
    Error,
}

/// <summary>
/// What a violation does: <see cref="Enforce"/> blocks the workspace (when the severity is error),
/// <see cref="Warn"/> is shown as a warning, <see cref="Audit"/> is only recorded (a note).
/// </summary>
public enum PolicyEnforcement
{
    Enforce,
    Audit,
    Warn,
}

/// <summary>One governance policy file (<c>policies/*.yaml</c>), parsed and checked. See docs/policies.md.</summary>
public sealed record Policy
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public PolicySeverity Severity { get; init; } = PolicySeverity.Error;

    public PolicyEnforcement Enforcement { get; init; } = PolicyEnforcement.Enforce;

    /// <summary>Which workspaces the policy applies to; empty lists match everything.</summary>
    public PolicyScope Match { get; init; } = PolicyScope.All;

    /// <summary>Workspaces taken out again after <see cref="Match"/>; empty lists exclude nothing.</summary>
    public PolicyScope Exclude { get; init; } = PolicyScope.All;

    /// <summary>The message template; see <see cref="MessageTemplate"/> for the placeholders.</summary>
    public required string Message { get; init; }

    /// <summary>Optional precondition: the rule applies only to documents this schema accepts.</summary>
    public JsonSchema? When { get; init; }

    /// <summary>How <see cref="When"/> is evaluated (null: NJsonSchema on the whole document).</summary>
    internal SchemaWalk? WhenWalk { get; init; }

    public required PolicyRule Rule { get; init; }

    /// <summary>Where the policy's <c>name</c> was written (used as the rule's location in reports).</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The stable code of this policy's violations: <c>POL-&lt;name&gt;</c>.</summary>
    public string Code => "POL-" + Name;

    /// <summary>Whether a violation stops the workspace from being created or changed.</summary>
    public bool Blocks => Enforcement == PolicyEnforcement.Enforce && Severity == PolicySeverity.Error;
}

/// <summary>Glob lists over repository identity, team, deployment and type. An empty list places no condition.</summary>
public sealed record PolicyScope(
    IReadOnlyList<string> Repositories,
    IReadOnlyList<string> Teams,
    IReadOnlyList<string> Deployments,
    IReadOnlyList<string> Types)
{
    public static PolicyScope All { get; } = new([], [], [], []);

    public bool IsEmpty => Repositories.Count == 0 && Teams.Count == 0 && Deployments.Count == 0 && Types.Count == 0;
}

/// <summary>The check a policy makes.</summary>
public abstract record PolicyRule;

/// <summary>A JSON Schema (draft-07 subset, see <see cref="RuleSchemaChecker"/>) the effective workspace document must satisfy.</summary>
public sealed record SchemaRule(JsonSchema Schema) : PolicyRule
{
    /// <summary>How <see cref="Schema"/> is evaluated (null: NJsonSchema on the whole document).</summary>
    internal SchemaWalk? Walk { get; init; }
}

/// <summary>A built-in rule over all matching workspaces of a repository (quota, uniqueHostPorts, allowedRegistries).</summary>
public abstract record BuiltinRule : PolicyRule
{
    /// <summary>The name written after <c>builtin:</c>.</summary>
    public abstract string Name { get; }

    internal abstract IEnumerable<RuleFinding> Evaluate(IReadOnlyList<Effective.EffectiveWorkspace> workspaces);
}
