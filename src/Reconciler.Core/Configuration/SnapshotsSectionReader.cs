using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Configuration;

/// <summary>The <c>snapshots</c> section: what the schema cannot say (a password needs a user, and is named once).</summary>
internal sealed class SnapshotsSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    public SnapshotsConfig? Read(JObject? section)
    {
        if (section is null)
        {
            return null;
        }

        var url = new Uri(((string)section["registry"]!).TrimEnd('/'));
        var user = (string?)section["user"];
        var env = (string?)section["passwordEnv"];
        var file = (string?)section["passwordFile"];
        SecretReference? password = null;
        if (env is not null && file is not null)
        {
            Error("/snapshots/passwordFile", "name the password once: either passwordEnv or passwordFile");
        }
        else if (env is not null || file is not null)
        {
            var pointer = env is null ? "/snapshots/passwordFile" : "/snapshots/passwordEnv";
            password = new SecretReference(env is null ? SecretSource.File : SecretSource.EnvironmentVariable, (env ?? file)!, document.Map.ValueLocation(pointer));
            if (user is null)
            {
                Error(pointer, "a registry password needs user: NAME beside it");
            }
        }
        else if (user is not null)
        {
            Error("/snapshots/user", "name where the registry password is kept: passwordEnv: NAME (an environment variable) or passwordFile: PATH");
        }

        return new SnapshotsConfig(
            url,
            (string?)section["prefix"] ?? SnapshotsConfig.DefaultPrefix,
            (int?)section["retain"] ?? SnapshotsConfig.DefaultRetain,
            user,
            password);
    }

    private void Error(string pointer, string message) => ConfigValueChecks.Error(document, diagnostics, pointer, message);
}
