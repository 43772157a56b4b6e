using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Configuration;

/// <summary><c>storage</c>: what workspace volumes may refer to (docs/storage.md). Secrets are references, read by the host.</summary>
public sealed record StorageConfig
{
    public IReadOnlyDictionary<string, StorageCredentialsConfig> Credentials { get; init; } = new Dictionary<string, StorageCredentialsConfig>();

    public IReadOnlyDictionary<string, S3EndpointConfig> S3Endpoints { get; init; } = new Dictionary<string, S3EndpointConfig>();

    /// <summary>The names a workspace's <c>credentials:</c> and <c>endpoint:</c> may use.</summary>
    public StorageReferences References => new(
        Credentials.Keys.ToHashSet(StringComparer.Ordinal),
        S3Endpoints.Keys.ToHashSet(StringComparer.Ordinal));

    public static StorageConfig None { get; } = new();
}

/// <summary><c>storage.credentials.&lt;name&gt;</c>: a user and where its secret is.</summary>
public sealed record StorageCredentialsConfig(string User, SecretReference Secret);

/// <summary><c>storage.s3.&lt;name&gt;</c>: one S3-compatible endpoint and where its keys are.</summary>
public sealed record S3EndpointConfig(Uri Url, string Region, bool PathStyle, SecretReference AccessKey, SecretReference SecretKey)
{
    public const string DefaultRegion = "us-east-1";
}
