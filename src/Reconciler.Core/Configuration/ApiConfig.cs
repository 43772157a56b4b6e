using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>api</c>: who may call the HTTP API and whether <c>/metrics</c> needs a token. The tokens themselves are never
/// in the file: each entry names the environment variable or file that holds it (<see cref="SecretReference"/>).
/// </summary>
public sealed record ApiConfig
{
    public IReadOnlyList<ApiTokenConfig> Tokens { get; init; } = [];

    /// <summary>When true, <c>GET /metrics</c> needs a bearer token like <c>/api</c>; default false (open, like the probes).</summary>
    public bool MetricsRequireToken { get; init; }

    public static ApiConfig None { get; } = new();
}

public enum ApiRole
{
    /// <summary>Every repository, workspace and event; may sync any repository.</summary>
    Admin,

    /// <summary>Only the workspaces of <see cref="ApiTokenConfig.Team"/>, their events, and the repositories they are in.</summary>
    Team,
}

/// <summary>One caller of the API (<c>api.tokens[]</c>).</summary>
/// <param name="Name">Shown in logs and audit events instead of the token.</param>
/// <param name="Team">Required for <see cref="ApiRole.Team"/>, absent for <see cref="ApiRole.Admin"/>.</param>
/// <param name="Token">Where the token is kept.</param>
/// <param name="Location">Where the entry starts in the configuration file, for start-up errors.</param>
public sealed record ApiTokenConfig(string Name, ApiRole Role, string? Team, SecretReference Token, SourceLocation? Location = null);
