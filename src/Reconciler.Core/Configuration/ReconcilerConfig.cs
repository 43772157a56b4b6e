namespace Reconciler.Core.Configuration;

/// <summary>
/// The worker's configuration file (<c>reconciler.yaml</c>). Secrets are never in this file: tokens and webhook
/// secrets are named by environment variable or file (<see cref="SecretReference"/>) and read by the host.
/// </summary>
public sealed record ReconcilerConfig
{
    /// <summary>Docker endpoints by name; <c>default</c> is used when a workspace names no <c>host</c>.</summary>
    public IReadOnlyDictionary<string, DockerEndpointConfig> DockerHosts { get; init; } = new Dictionary<string, DockerEndpointConfig>();

    /// <summary>Kubernetes clusters by name (<c>runtimes.kubernetes</c>); names never repeat a Docker endpoint's.</summary>
    public IReadOnlyDictionary<string, KubernetesClusterConfig> KubernetesClusters { get; init; } = new Dictionary<string, KubernetesClusterConfig>();

    /// <summary>Names of environment variables that <c>${localEnv:NAME}</c> may read. Everything else resolves to empty.</summary>
    public IReadOnlySet<string> LocalEnvAllowList { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Repositories the worker reconciles, in file order.</summary>
    public IReadOnlyList<RepositoryConfig> Repositories { get; init; } = [];

    /// <summary>SQLite file; null means <c>reconciler.db</c> beside the configuration file. Relative paths are relative to that folder.</summary>
    public string? SqlitePath { get; init; }

    public ServerConfig Server { get; init; } = new();

    /// <summary>Null when the file has no <c>webhooks</c> section: the endpoint is not served.</summary>
    public WebhooksConfig? Webhooks { get; init; }

    public WorkerLoopConfig Worker { get; init; } = new();

    /// <summary><c>api</c>: bearer tokens for <c>/api</c> and the <c>/metrics</c> setting; no tokens when the section is absent.</summary>
    public ApiConfig Api { get; init; } = ApiConfig.None;

    public static ReconcilerConfig Default { get; } = new();
}

/// <summary>One Docker engine: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</summary>
public sealed record DockerEndpointConfig(string Endpoint);
