namespace Reconciler.Core.Configuration;

/// <summary>
/// The worker's configuration file (<c>reconciler.yaml</c>). Secrets are never in this file: tokens and webhook
/// secrets are named by environment variable or file (<see cref="SecretReference"/>) and read by the host.
/// </summary>
public sealed record ReconcilerConfig
{
    /// <summary>Docker endpoints by name; <c>default</c> is used when a workspace names no <c>host</c>.</summary>
    public IReadOnlyDictionary<string, DockerEndpointConfig> DockerHosts { get; init; } = new Dictionary<string, DockerEndpointConfig>();

    /// <summary>libvirt/KVM hosts by name (<c>runtimes.libvirt</c>), for <c>deployment: vm</c>; none by default.</summary>
    public IReadOnlyDictionary<string, LibvirtHostConfig> LibvirtHosts { get; init; } = new Dictionary<string, LibvirtHostConfig>();

    /// <summary>Kubernetes clusters by name (<c>runtimes.kubernetes</c>); names never repeat a Docker endpoint's.</summary>
    public IReadOnlyDictionary<string, KubernetesClusterConfig> KubernetesClusters { get; init; } = new Dictionary<string, KubernetesClusterConfig>();

    /// <summary>Names of environment variables that <c>${localEnv:NAME}</c> may read. Everything else resolves to empty.</summary>
    public IReadOnlySet<string> LocalEnvAllowList { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Repositories the worker reconciles, in file order.</summary>
    public IReadOnlyList<RepositoryConfig> Repositories { get; init; } = [];

    /// <summary>SQLite file; null means <c>reconciler.db</c> beside the configuration file. Relative paths are relative to that folder.</summary>
    public string? SqlitePath { get; init; }

    /// <summary><c>database.postgres</c>: where the PostgreSQL connection string is (null: SQLite, the default).</summary>
    public SecretReference? PostgresConnection { get; init; }

    /// <summary><c>database.secretsKeyFile</c>: the key that seals generated secrets; <c>RECONCILER_SECRETS_KEY</c> wins over it.</summary>
    public string? SecretsKeyFile { get; init; }

    /// <summary>Where <see cref="SecretsKeyFile"/> is written, for start-up errors.</summary>
    public Diagnostics.SourceLocation? SecretsKeyFileLocation { get; init; }

    public ServerConfig Server { get; init; } = new();

    /// <summary>Null when the file has no <c>webhooks</c> section: the endpoint is not served.</summary>
    public WebhooksConfig? Webhooks { get; init; }

    public WorkerLoopConfig Worker { get; init; } = new();

    /// <summary><c>leaderElection</c>: only the replica holding the Lease applies; null (one replica applies) when absent or disabled.</summary>
    public LeaderElectionConfig? LeaderElection { get; init; }

    /// <summary><c>api</c>: bearer tokens for <c>/api</c> and the <c>/metrics</c> setting; no tokens when the section is absent.</summary>
    public ApiConfig Api { get; init; } = ApiConfig.None;

    /// <summary><c>gpu</c>: allocation settings; the inventories are per Docker host (<see cref="DockerEndpointConfig.Gpus"/>).</summary>
    public GpuSettingsConfig Gpu { get; init; } = new();
    /// <summary><c>github</c>: pull-request checks; null when absent (pull_request deliveries are accepted and dropped).</summary>
    public GitHubConfig? GitHub { get; init; }

    /// <summary><c>previews</c>: the global switch for pull-request preview workspaces; off when absent.</summary>
    public PreviewsConfig Previews { get; init; } = PreviewsConfig.Off;

    /// <summary><c>policies</c>: the folder of governance policy files; null when absent (no policies are evaluated).</summary>
    public PolicyFolderConfig? Policies { get; init; }

    /// <summary><c>storage</c>: credentials and S3 endpoints that workspace volumes may name; none when absent.</summary>
    public StorageConfig Storage { get; init; } = StorageConfig.None;

    /// <summary><c>devcontainer.featureRegistries</c>: credentials for registries that serve devcontainer Features, by host.</summary>
    public IReadOnlyDictionary<string, RegistryCredentialsConfig> FeatureRegistries { get; init; } = new Dictionary<string, RegistryCredentialsConfig>();

    /// <summary><c>access</c>: owners' public SSH keys; none when absent.</summary>
    public AccessConfig Access { get; init; } = AccessConfig.None;

    /// <summary><c>snapshots</c>: the registry of workspace snapshots and published images; null when absent.</summary>
    public SnapshotsConfig? Snapshots { get; init; }

    public static ReconcilerConfig Default { get; } = new();
}

/// <summary>One Docker engine: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>, and where its GPUs are listed (null: none).</summary>
public sealed record DockerEndpointConfig(string Endpoint)
{
    public GpuInventoryConfig? Gpus { get; init; }

    /// <summary><c>portRange</c>: host ports for published ports that name none.</summary>
    public Access.HostPortRange PortRange { get; init; } = Access.HostPortRange.Default;
}

/// <summary><c>policies</c>: a folder of policy files, as written, with where it is written for start-up errors.</summary>
public sealed record PolicyFolderConfig(string Path, Diagnostics.SourceLocation? Location = null);
