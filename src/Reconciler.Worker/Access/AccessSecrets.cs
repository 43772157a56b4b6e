using Reconciler.Core.Desired;
using Reconciler.Storage.Sqlite.Secrets;

namespace Reconciler.Worker.Access;

/// <summary>
/// The generated secrets a container gets as environment variables at create (the Docker runtime's
/// <c>SecretEnvironment</c>): <c>JUPYTER_TOKEN</c> for access.jupyter, <c>VNC_PASSWORD</c> for access.vnc and
/// <c>RDP_PASSWORD</c> for access.rdp. Each is 128 random bits as 32 hex characters, sealed in the database, never
/// logged, never in git and not part of the spec hash. The image's Jupyter, VNC or RDP server reads its variable.
/// </summary>
internal sealed class AccessSecrets(Storage.Sqlite.IWorkspaceSecretStore secrets)
{
    public const string VncKind = "vnc";

    public const string RdpKind = "rdp";

    public const string VncVariable = "VNC_PASSWORD";

    public const string RdpVariable = "RDP_PASSWORD";

    /// <summary>The RDP password of a VM workspace (written into its cloud-init seed); the same sealed value /connect gives.</summary>
    public Task<string> RdpPasswordAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
        => secrets.GetOrCreateAsync(desired.Key, RdpKind, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        var access = desired.Spec.Access;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (enabled, kind, variable) in new[]
                 {
                     (access.Jupyter, JupyterTokens.Kind, JupyterTokens.EnvironmentVariable),
                     (access.Vnc, VncKind, VncVariable),
                     (access.Rdp, RdpKind, RdpVariable),
                 })
        {
            if (enabled)
            {
                environment[variable] = await secrets.GetOrCreateAsync(desired.Key, kind, cancellationToken);
            }
        }

        return environment;
    }
}
