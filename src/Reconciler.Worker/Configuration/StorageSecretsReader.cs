using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.ObjectStorage.S3;
using Reconciler.Runtime.Docker;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Reads the secrets the <c>storage</c> section names (ceph keys, S3 access keys) at start-up; a missing variable or
/// file is a located error and the worker does not start. The values stay in memory.
/// </summary>
internal static class StorageSecretsReader
{
    public static StorageSecrets Read(StorageConfig config, string directory, List<Diagnostic> diagnostics)
    {
        var credentials = new Dictionary<string, StorageCredential>(StringComparer.Ordinal);
        foreach (var (name, entry) in config.Credentials)
        {
            if (SecretReader.Read(entry.Secret, directory, diagnostics)?.Trim() is { } secret)
            {
                credentials[name] = new StorageCredential(entry.User, secret);
            }
        }

        var endpoints = new Dictionary<string, S3EndpointSettings>(StringComparer.Ordinal);
        foreach (var (name, entry) in config.S3Endpoints)
        {
            var accessKey = SecretReader.Read(entry.AccessKey, directory, diagnostics)?.Trim();
            var secretKey = SecretReader.Read(entry.SecretKey, directory, diagnostics)?.Trim();
            if (accessKey is not null && secretKey is not null)
            {
                endpoints[name] = new S3EndpointSettings(entry.Url, entry.Region, entry.PathStyle, accessKey, secretKey);
            }
        }

        return new StorageSecrets(credentials, endpoints);
    }

    /// <summary>Reads the secrets of <c>devcontainer.featureRegistries</c>; a missing one is a diagnostic, as for storage.</summary>
    public static IReadOnlyDictionary<string, Runtime.Docker.Features.RegistryCredential> ReadFeatureRegistries(
        IReadOnlyDictionary<string, Core.Configuration.RegistryCredentialsConfig> registries, string directory, List<Diagnostic> diagnostics)
    {
        var result = new Dictionary<string, Runtime.Docker.Features.RegistryCredential>(StringComparer.OrdinalIgnoreCase);
        foreach (var (host, entry) in registries)
        {
            if (SecretReader.Read(entry.Secret, directory, diagnostics)?.Trim() is { } secret)
            {
                result[host] = new Runtime.Docker.Features.RegistryCredential(entry.User, secret);
            }
        }

        return result;
    }
}

/// <summary>Resolved storage secrets; <see cref="ToString"/> names entries only.</summary>
internal sealed record StorageSecrets(
    IReadOnlyDictionary<string, StorageCredential> Credentials,
    IReadOnlyDictionary<string, S3EndpointSettings> S3Endpoints)
{
    /// <summary>Resolved <c>devcontainer.featureRegistries</c>, by registry host.</summary>
    public IReadOnlyDictionary<string, Runtime.Docker.Features.RegistryCredential> FeatureRegistries { get; init; }
        = new Dictionary<string, Runtime.Docker.Features.RegistryCredential>();

    public static StorageSecrets None { get; } = new(new Dictionary<string, StorageCredential>(), new Dictionary<string, S3EndpointSettings>());

    public override string ToString()
        => $"StorageSecrets(credentials: {string.Join(", ", Credentials.Keys)}; s3: {string.Join(", ", S3Endpoints.Keys)})";
}
