using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary><c>devcontainer.featureRegistries.&lt;host&gt;</c>: the user and where the password or token is, for fetching Features.</summary>
public sealed record RegistryCredentialsConfig(string User, SecretReference Secret);

/// <summary>
/// Reads <c>devcontainer.featureRegistries</c> (docs/configuration.md): registry host (with port) → credentials. The schema
/// checks the shape; this names the secret once (environment variable or file).
/// </summary>
internal sealed class FeatureRegistriesReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    public IReadOnlyDictionary<string, RegistryCredentialsConfig> Read(JObject? devcontainer)
    {
        var result = new Dictionary<string, RegistryCredentialsConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (devcontainer?["featureRegistries"] as JObject)?.Properties() ?? [])
        {
            var pointer = JsonPointer.Append("/devcontainer/featureRegistries", entry.Name);
            if (entry.Value is not JObject item)
            {
                continue;
            }

            var env = item["secretEnv"];
            var file = item["secretFile"];
            if ((env is null) == (file is null))
            {
                ConfigValueChecks.Error(document, diagnostics, pointer, "name where the password or token is kept, once: secretEnv: NAME (an environment variable) or secretFile: PATH");
                continue;
            }

            var key = env is null ? "secretFile" : "secretEnv";
            result[entry.Name] = new RegistryCredentialsConfig(
                (string)item["user"]!,
                new SecretReference(env is null ? SecretSource.File : SecretSource.EnvironmentVariable, (string)(env ?? file)!, document.Map.ValueLocation(JsonPointer.Append(pointer, key))));
        }

        return result;
    }
}
