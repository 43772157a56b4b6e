using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Quantities;
using Reconciler.Core.Repositories;
using Reconciler.Core.State;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Binds the worker sections (repositories, database, server, webhooks, worker) of a schema-valid document and
/// checks what the schema cannot: positive durations, URLs without credentials, one entry per repository.
/// </summary>
internal sealed partial class WorkerSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    public ReconcilerConfig Bind(JObject root, ReconcilerConfig config) => config with
    {
        Repositories = Repositories(root["repositories"] as JArray),
        SqlitePath = (string?)root["database"]?["sqlite"],
        SecretsKeyFile = (string?)root["database"]?["secretsKeyFile"],
        PostgresConnection = Postgres(root["database"] as JObject),
        SecretsKeyFileLocation = root["database"]?["secretsKeyFile"] is null ? null : document.Map.ValueLocation("/database/secretsKeyFile"),
        Server = new ServerConfig(Listen(root["server"]?["listen"])),
        Webhooks = Webhooks(root["webhooks"] as JObject),
        Worker = Worker(root["worker"] as JObject),
        Api = Api(root["api"] as JObject),
        GitHub = GitHub(root["github"] as JObject, root["webhooks"] is JObject),
        Previews = Previews(root["previews"] as JObject),
        Access = Access(root["access"] as JObject),
        Policies = root["policies"] is { } policies ? new PolicyFolderConfig((string)policies!, document.Map.ValueLocation("/policies")) : null,
    };

    private List<RepositoryConfig> Repositories(JArray? entries)
    {
        var repositories = new List<RepositoryConfig>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < (entries?.Count ?? 0); index++)
        {
            var entry = (JObject)entries![index];
            var pointer = $"/repositories/{index}";
            var url = (string)entry["url"]!;
            if (SecretScrubber.HasCredentials(url))
            {
                Error(pointer + "/url", "the URL carries credentials; write the plain URL and name the token with credentials: { tokenEnv: NAME } or { tokenFile: PATH }");
            }

            var identity = RepositoryIdentity.FromUrl(url);
            if (!seen.TryAdd(identity, index))
            {
                Error(pointer + "/url", $"repository {identity} is already listed as repositories[{seen[identity]}]; list each repository once");
            }

            var branches = entry["branches"] is JArray list ? list.Select(b => (string)b!).ToList() : ["main"];
            if (branches.Count > 1)
            {
                // Workspace names and labels carry the repository, not the branch: two deployed branches would collide.
                Error(pointer + "/branches", "one branch per repository is deployed for now; list only the branch to deploy");
            }

            repositories.Add(new RepositoryConfig(
                url,
                branches,
                (string?)entry["path"] ?? Desired.WorkspaceLoader.DefaultWorkspaceFile,
                Duration(entry["pollInterval"], pointer + "/pollInterval", RepositoryConfig.DefaultPollInterval),
                Credentials(entry["credentials"] as JObject, pointer + "/credentials"),
                document.Map.Locate(pointer)));
        }

        return repositories;
    }

    private SecretReference? Credentials(JObject? credentials, string pointer)
        => credentials is null ? null : Secret(credentials, pointer, "tokenEnv", "tokenFile");

    private SecretReference? Secret(JObject section, string pointer, string envKey, string fileKey)
    {
        if (section[envKey] is { } env)
        {
            return new SecretReference(SecretSource.EnvironmentVariable, (string)env!, document.Map.ValueLocation(pointer + "/" + envKey));
        }

        return section[fileKey] is { } file
            ? new SecretReference(SecretSource.File, (string)file!, document.Map.ValueLocation(pointer + "/" + fileKey))
            : null;
    }

    /// <summary><c>database.postgres</c>: exactly one of connectionStringEnv / connectionStringFile, and not beside <c>sqlite</c>.</summary>
    private SecretReference? Postgres(JObject? database)
    {
        if (database?["postgres"] is not JObject section)
        {
            return null;
        }

        if (database["sqlite"] is not null)
        {
            Error("/database/sqlite", "database.sqlite and database.postgres exclude each other: keep the one the worker should use");
        }

        if (section["connectionStringEnv"] is not null && section["connectionStringFile"] is not null)
        {
            Error("/database/postgres/connectionStringFile", "name the connection string once: either connectionStringEnv or connectionStringFile");
        }

        return Secret(section, "/database/postgres", "connectionStringEnv", "connectionStringFile");
    }

    private WebhooksConfig? Webhooks(JObject? section)
    {
        if (section is null)
        {
            return null;
        }

        if (section["secretEnv"] is not null && section["secretFile"] is not null)
        {
            Error("/webhooks/secretFile", "name the secret once: either secretEnv or secretFile");
        }

        var secret = Secret(section, "/webhooks", "secretEnv", "secretFile");
        if (secret is null)
        {
            Error("/webhooks", "webhooks need a secret: secretEnv: NAME or secretFile: PATH (unsigned deliveries are always refused)");
            return null;
        }

        return new WebhooksConfig(secret, (int?)section["maxBodyBytes"]);
    }

    private WorkerLoopConfig Worker(JObject? section) => new()
    {
        Concurrency = (int?)section?["concurrency"] ?? 4,
        ResyncInterval = Duration(section?["resyncInterval"], "/worker/resyncInterval", WorkerLoopConfig.DefaultResyncInterval),
        ShutdownTimeout = Duration(section?["shutdownTimeout"], "/worker/shutdownTimeout", WorkerLoopConfig.DefaultShutdownTimeout),
        CacheDir = (string?)section?["cacheDir"],
    };

    private string Listen(JToken? token)
    {
        var listen = (string?)token ?? ServerConfig.DefaultListen;
        if (token is not null && (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0))
        {
            Error("/server/listen", $"'{YamlMessages.Shorten(listen)}' is not a listen address; write e.g. http://127.0.0.1:8080");
        }

        return listen;
    }

    private TimeSpan Duration(JToken? token, string pointer, TimeSpan fallback)
        => ConfigValueChecks.Duration(document, diagnostics, token, pointer, fallback);

    private void Error(string pointer, string message) => ConfigValueChecks.Error(document, diagnostics, pointer, message);
}
