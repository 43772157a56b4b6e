namespace Reconciler.Runtime.Docker;

/// <summary>Settings of the Docker runtime adapter.</summary>
public sealed class DockerRuntimeOptions
{
    /// <summary>Grace period before a stopped container is killed. Default: 10 seconds.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Lines of command or build output kept for a failure report. Default: 20.</summary>
    public int OutputTailLines { get; set; } = 20;

    /// <summary>Largest build context sent to the engine, in bytes of file content. Default: 512 MiB (the loader rejects larger ones first).</summary>
    public long MaxBuildContextBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>How long a compose service waits for a <c>service_healthy</c> dependency to become healthy. Default: 2 minutes.</summary>
    public TimeSpan ComposeHealthTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Clock used for seeded file times. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The host name workspaces use for this engine (<c>host:</c>), for messages and GPU holders. Default: <c>default</c>.</summary>
    public string HostName { get; set; } = "default";

    /// <summary>
    /// CPU use, in cores, above which a running workspace counts as active for its idle timeout (docs/lifecycle.md).
    /// Default: 0.05 (5 % of one core): a shell waiting for input or an idle language server stays below it.
    /// </summary>
    public double ActiveCpuCores { get; set; } = 0.05;

    /// <summary>Host ports handed to published ports that name none (see docs/access.md). Default: <c>32000-32999</c>.</summary>
    public Core.Access.HostPortRange PortRange { get; set; } = Core.Access.HostPortRange.Default;

    /// <summary>
    /// Generated secrets a workspace's container gets as environment variables at create (<c>access.jupyter</c>:
    /// <c>JUPYTER_TOKEN</c>; <c>access.vnc</c>: <c>VNC_PASSWORD</c>; <c>access.rdp</c>: <c>RDP_PASSWORD</c>); not part of
    /// the spec hash and never logged. Null: no secrets store is configured, and a
    /// workspace that needs one fails with <c>SecretsKeyMissing</c>.
    /// </summary>
    public Func<Core.Desired.DesiredWorkspace, CancellationToken, Task<IReadOnlyDictionary<string, string>>>? SecretEnvironment { get; set; }

    /// <summary>
    /// Resolved <c>storage.credentials</c> entries by name, for ceph volumes: the secret goes into the volume's driver
    /// options only. Default: none (a ceph volume then fails with <c>StorageCredentialsMissing</c>).
    /// </summary>
    public IReadOnlyDictionary<string, StorageCredential> StorageCredentials { get; set; } = new Dictionary<string, StorageCredential>();

    /// <summary>
    /// <c>storage.s3</c> endpoints by name, for s3 volumes (filled at create, written back on stop with <c>sync: two-way</c>).
    /// Default: none (an s3 volume then fails with <c>S3EndpointMissing</c>).
    /// </summary>
    public IReadOnlyDictionary<string, Core.Ports.IObjectStore> ObjectStores { get; set; } = new Dictionary<string, Core.Ports.IObjectStore>();

    /// <summary>
    /// The public keys an <c>access.ssh</c> workspace accepts (its owner's). Null or empty: such a workspace fails with
    /// <c>SshKeysMissing</c> before anything is created.
    /// </summary>
    public Func<Core.Desired.DesiredWorkspace, CancellationToken, Task<IReadOnlyList<string>>>? SshAuthorizedKeys { get; set; }

    /// <summary>
    /// The registry of <c>persistence: snapshot</c> workspaces and of <c>reconciler publish</c> (worker configuration
    /// <c>snapshots:</c>). Null: a snapshot workspace fails with <c>SnapshotRegistryMissing</c> and its container is kept.
    /// </summary>
    public Snapshots.SnapshotRegistryOptions? Snapshots { get; set; }

    /// <summary>
    /// Credentials for registries that serve devcontainer Features, by registry host (with port), e.g. <c>ghcr.io</c>
    /// (<c>features.registries</c> in the worker configuration, docs/configuration.md). A registry without one is used anonymously.
    /// </summary>
    public IReadOnlyDictionary<string, Features.RegistryCredential> RegistryCredentials { get; set; } = new Dictionary<string, Features.RegistryCredential>();

    /// <summary>The HTTP client Features are fetched with. Null (default): a shared client with a 60 s timeout.</summary>
    public HttpClient? FeatureHttpClient { get; set; }
}
