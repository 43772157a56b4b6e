using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>
/// The <c>storage</c> section: what the schema cannot say. Each secret is named exactly once (environment variable or
/// file), and an endpoint URL carries no user info or query (keys belong in the secret references).
/// </summary>
internal sealed class StorageSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    public StorageConfig Read(JObject? section)
    {
        if (section is null)
        {
            return StorageConfig.None;
        }

        var credentials = new Dictionary<string, StorageCredentialsConfig>(StringComparer.Ordinal);
        foreach (var entry in (section["credentials"] as JObject)?.Properties() ?? [])
        {
            var pointer = JsonPointer.Append("/storage/credentials", entry.Name);
            var item = (JObject)entry.Value;
            if (Secret(item, pointer, "secret") is { } secret)
            {
                credentials[entry.Name] = new StorageCredentialsConfig((string)item["user"]!, secret);
            }
        }

        var endpoints = new Dictionary<string, S3EndpointConfig>(StringComparer.Ordinal);
        foreach (var entry in (section["s3"] as JObject)?.Properties() ?? [])
        {
            var pointer = JsonPointer.Append("/storage/s3", entry.Name);
            var item = (JObject)entry.Value;
            var url = Url((string)item["url"]!, JsonPointer.Append(pointer, "url"));
            var accessKey = Secret(item, pointer, "accessKey");
            var secretKey = Secret(item, pointer, "secretKey");
            if (url is not null && accessKey is not null && secretKey is not null)
            {
                endpoints[entry.Name] = new S3EndpointConfig(
                    url, (string?)item["region"] ?? S3EndpointConfig.DefaultRegion, (bool?)item["pathStyle"] ?? false, accessKey, secretKey);
            }
        }

        return new StorageConfig { Credentials = credentials, S3Endpoints = endpoints };
    }

    private SecretReference? Secret(JObject item, string pointer, string name)
    {
        var env = item[name + "Env"];
        var file = item[name + "File"];
        if (env is not null && file is not null)
        {
            Error(JsonPointer.Append(pointer, name + "File"), $"name the secret once: either {name}Env or {name}File");
            return null;
        }

        if (env is null && file is null)
        {
            Error(pointer, $"name where the {name} is kept: {name}Env: NAME (an environment variable) or {name}File: PATH");
            return null;
        }

        var key = env is null ? name + "File" : name + "Env";
        return new SecretReference(
            env is null ? SecretSource.File : SecretSource.EnvironmentVariable, (string)(env ?? file)!, document.Map.ValueLocation(JsonPointer.Append(pointer, key)));
    }

    private Uri? Url(string text, string pointer)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Query.Length > 0)
        {
            Error(pointer, $"'{YamlMessages.Shorten(text)}' is not a plain http(s) URL; write e.g. http://minio.internal:9000 and name the keys with accessKeyEnv/secretKeyEnv");
            return null;
        }

        return uri;
    }

    private void Error(string pointer, string message) => ConfigValueChecks.Error(document, diagnostics, pointer, message);
}
