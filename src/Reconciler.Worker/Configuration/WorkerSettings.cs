using Reconciler.Core.Configuration;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Signing;
using Reconciler.Source.Git;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Everything the worker needs, resolved at start-up from <c>reconciler.yaml</c>: absolute paths, Docker endpoints,
/// and the secrets read from the environment variables and files the configuration names. Secrets live in memory
/// only; <see cref="ToString"/> prints none of them.
/// </summary>
public sealed class WorkerSettings
{
    public const string DefaultDockerEndpoint = "unix:///var/run/docker.sock";

    internal WorkerSettings(string configPath, ReconcilerConfig config)
    {
        ConfigPath = configPath;
        Config = config;
    }

    /// <summary>Absolute path of the configuration file.</summary>
    public string ConfigPath { get; }

    public ReconcilerConfig Config { get; }

    public required string DatabasePath { get; init; }

    public required string CacheDir { get; init; }

    /// <summary>Docker endpoint by host name; always has <c>default</c>.</summary>
    public required IReadOnlyDictionary<string, string> DockerEndpoints { get; init; }

    /// <summary>Credentials per repository, in the order of <see cref="ReconcilerConfig.Repositories"/>.</summary>
    internal IReadOnlyList<GitCredentials> GitCredentials { get; init; } = [];

    /// <summary>Empty when webhooks are not configured.</summary>
    internal IReadOnlyList<WebhookSecret> WebhookSecrets { get; init; } = [];

    /// <summary>SHA-256 digests of the API tokens with their callers; empty without an <c>api</c> section.</summary>
    internal Api.ApiTokenSet ApiTokens { get; init; } = Api.ApiTokenSet.Empty;

    /// <summary>The governance policies from the <c>policies</c> folder, parsed at start-up; empty without one.</summary>
    public IReadOnlyList<Core.Policies.Policy> Policies { get; init; } = [];

    /// <summary>GitHub reporting with its credentials (in memory only); null without a <c>github</c> section.</summary>
    internal GitHub.Checks.GitHubReportingOptions? GitHub { get; init; }

    /// <summary>Jumpserver with its access key (in memory only); null without <c>access.jumpserver</c>.</summary>
    internal Access.Jumpserver.JumpserverSettings? Jumpserver { get; init; }

    /// <summary>The PostgreSQL connection string from <c>database.postgres</c> (in memory only, holds the password); null: SQLite.</summary>
    internal string? PostgresConnectionString { get; init; }

    /// <summary>The key sealing generated secrets (in memory only); null when none is configured.</summary>
    internal Storage.Sqlite.Secrets.SecretBox? SecretsKey { get; init; }

    /// <summary>The <c>storage</c> section's secrets (ceph keys, S3 keys), in memory only; none without the section.</summary>
    internal StorageSecrets Storage { get; init; } = StorageSecrets.None;

    internal WebhookOptions WebhookOptions => new() { MaxBodyBytes = Config.Webhooks?.MaxBodyBytes ?? new WebhookOptions().MaxBodyBytes };

    public override string ToString() => $"WorkerSettings({ConfigPath}, {Config.Repositories.Count} repositories, database {(PostgresConnectionString is null ? DatabasePath : "postgres")})";
}
