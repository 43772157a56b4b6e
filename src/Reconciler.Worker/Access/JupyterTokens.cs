using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Secrets;

namespace Reconciler.Worker.Access;

/// <summary>
/// The Jupyter token of each <c>access.jupyter</c> workspace: 128 random bits, sealed in the database, handed to the
/// container as <c>JUPYTER_TOKEN</c> (which Jupyter Server reads) at create. Never logged, never in git, not part of
/// the spec hash: rotating it changes no desired state, so rotation recreates the container itself.
/// </summary>
internal sealed class JupyterTokens(Storage.Sqlite.IWorkspaceSecretStore secrets)
{
    public const string Kind = "jupyter";

    public const string EnvironmentVariable = "JUPYTER_TOKEN";

    /// <summary>Jupyter's port in the container (the compiler publishes it for access.jupyter).</summary>
    public const int Port = 8888;

    public Task<string> GetAsync(WorkspaceKey key, CancellationToken cancellationToken) => secrets.GetOrCreateAsync(key, Kind, cancellationToken);

    public Task<string> RotateAsync(WorkspaceKey key, CancellationToken cancellationToken) => secrets.RotateAsync(key, Kind, cancellationToken);
}
