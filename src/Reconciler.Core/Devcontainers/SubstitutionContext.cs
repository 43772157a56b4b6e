namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Values for devcontainer variable substitution. <see cref="LocalEnv"/> holds only the variables the
/// worker's configuration allow-lists (<see cref="LocalEnvAllowList"/>); the host reads the process
/// environment for those names and nothing else, so the worker's own secrets never reach a workspace.
/// </summary>
public sealed record SubstitutionContext(
    string LocalWorkspaceFolder,
    string DevcontainerId,
    IReadOnlyDictionary<string, string> LocalEnv,
    IReadOnlySet<string> LocalEnvAllowList)
{
    public static SubstitutionContext Empty(string localWorkspaceFolder, string devcontainerId)
        => new(localWorkspaceFolder, devcontainerId, new Dictionary<string, string>(), new HashSet<string>());
}
