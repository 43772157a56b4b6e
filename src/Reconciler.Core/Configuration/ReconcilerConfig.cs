namespace Reconciler.Core.Configuration;

/// <summary>
/// The worker's configuration file (<c>reconciler.yaml</c>), as far as the core path needs it.
/// Secrets are never in this file; later sections name environment variables or files that hold them.
/// </summary>
public sealed record ReconcilerConfig
{
    /// <summary>Docker endpoints by name; <c>default</c> is used when a workspace names no <c>host</c>.</summary>
    public IReadOnlyDictionary<string, DockerEndpointConfig> DockerHosts { get; init; } = new Dictionary<string, DockerEndpointConfig>();

    /// <summary>Names of environment variables that <c>${localEnv:NAME}</c> may read. Everything else resolves to empty.</summary>
    public IReadOnlySet<string> LocalEnvAllowList { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public static ReconcilerConfig Default { get; } = new();
}

/// <summary>One Docker engine: <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</summary>
public sealed record DockerEndpointConfig(string Endpoint);
