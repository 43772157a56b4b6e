using Reconciler.Core.Configuration;
using Reconciler.Core.State;

namespace Reconciler.Worker.Api;

/// <summary>
/// Who made an authenticated API request: the token's configured name (never the token) and its role. A team
/// caller sees only its team's workspaces; everything else of theirs answers 404, as if it did not exist.
/// </summary>
internal sealed record ApiCaller(string Name, ApiRole Role, string? Team)
{
    public bool IsAdmin => Role == ApiRole.Admin;

    /// <summary>The team filter for store queries: null (any team) for an admin; a team caller never gets null.</summary>
    public string? TeamFilter => IsAdmin ? null : Team ?? "";

    /// <summary>The actor written in audit events for what this caller asked for.</summary>
    public string Actor => "api:" + Name;

    public bool CanSee(WorkspaceStatusRecord workspace) => IsAdmin || string.Equals(workspace.Team, Team, StringComparison.Ordinal);
}
