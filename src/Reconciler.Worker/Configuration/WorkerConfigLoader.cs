using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.GitHub.Webhooks.Signing;
using Reconciler.Source.Git;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// Start-up validation: parses <c>reconciler.yaml</c> (schema, located errors), then resolves paths and reads
/// every secret it names. Any problem is a located diagnostic and the worker does not start.
/// </summary>
public static class WorkerConfigLoader
{
    public static (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(string configPath, string? displayName = null)
    {
        var full = Path.GetFullPath(configPath);
        var shown = displayName ?? configPath;
        if (!File.Exists(full))
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.FileNotFound, $"configuration file not found: {full}", SourceLocation.StartOf(shown))]);
        }

        if (new FileInfo(full).Length > InputLimits.MaxFileBytes)
        {
            return (null, [Diagnostic.Error(DiagnosticCodes.FileTooLarge, "configuration file is too large", SourceLocation.StartOf(shown))]);
        }

        var parsed = ReconcilerConfigParser.Parse(File.ReadAllText(full), shown);
        return parsed.Succeeded ? Resolve(full, parsed.Value!) : (null, parsed.Diagnostics);
    }

    public static (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Resolve(string configPath, ReconcilerConfig config)
    {
        var directory = Path.GetDirectoryName(configPath) ?? Directory.GetCurrentDirectory();
        var diagnostics = new List<Diagnostic>();
        var credentials = config.Repositories
            .Select(r => r.Credentials is { } reference && SecretReader.Read(reference, directory, diagnostics) is { } token
                ? GitCredentials.Token(token.Trim())
                : GitCredentials.None)
            .ToList();
        IReadOnlyList<WebhookSecret> secrets = [];
        if (config.Webhooks is { } webhooks && SecretReader.Read(webhooks.Secret, directory, diagnostics) is { } text)
        {
            secrets = text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(WebhookSecret.FromString)
                .ToList();
        }

        var apiTokens = Api.ApiTokenSet.Read(config.Api, directory, diagnostics);
        var policies = PolicyFolderReader.Read(config.Policies, directory, diagnostics);
        var github = GitHubCredentialsReader.Read(config.GitHub, directory, diagnostics);
        var postgres = PostgresConnectionReader.Read(config.PostgresConnection, directory, diagnostics);
        var secretsKey = SecretsKeyReader.Read(config.SecretsKeyFile, config.SecretsKeyFileLocation, directory, diagnostics);
        var storage = StorageSecretsReader.Read(config.Storage, directory, diagnostics) with
        {
            FeatureRegistries = StorageSecretsReader.ReadFeatureRegistries(config.FeatureRegistries, directory, diagnostics),
        };

        // Checked here so a missing registry password stops the worker; the runtimes read it again at each push.
        _ = config.Snapshots?.Password is { } registryPassword ? SecretReader.Read(registryPassword, directory, diagnostics) : null;
        var jumpserver = config.Access.Jumpserver is { } jms
            && SecretReader.Read(jms.KeyId, directory, diagnostics) is { } keyId
            && SecretReader.Read(jms.KeySecret, directory, diagnostics) is { } keySecret
                ? new Access.Jumpserver.JumpserverSettings(jms, keyId.Trim(), keySecret.Trim())
                : null;
        if (diagnostics.Count > 0)
        {
            return (null, diagnostics);
        }

        return (new WorkerSettings(configPath, config)
        {
            DatabasePath = Path.GetFullPath(config.SqlitePath ?? Storage.Sqlite.SqliteStorageOptions.DefaultFileName, directory),
            CacheDir = Path.GetFullPath(config.Worker.CacheDir ?? "git-cache", directory),
            DockerEndpoints = Endpoints(config),
            GitCredentials = credentials,
            WebhookSecrets = secrets,
            ApiTokens = apiTokens,
            Policies = policies,
            GitHub = github,
            SecretsKey = secretsKey,
            Storage = storage,
            Jumpserver = jumpserver,
            PostgresConnectionString = postgres,
        }, []);
    }

    private static Dictionary<string, string> Endpoints(ReconcilerConfig config)
    {
        var endpoints = config.DockerHosts.ToDictionary(h => h.Key, h => h.Value.Endpoint, StringComparer.Ordinal);
        if (!endpoints.ContainsKey("default"))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("DOCKER_HOST");
            endpoints["default"] = string.IsNullOrWhiteSpace(fromEnvironment) ? WorkerSettings.DefaultDockerEndpoint : fromEnvironment;
        }

        return endpoints;
    }
}
