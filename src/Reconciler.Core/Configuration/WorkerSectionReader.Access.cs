using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Configuration;

/// <summary>
/// The <c>access</c> section: the schema checks each key line; the reader keeps them by user, in file order, and binds
/// the Jumpserver with its access key named once each.
/// </summary>
internal sealed partial class WorkerSectionReader
{
    private AccessConfig Access(JObject? section)
    {
        if (section is null)
        {
            return AccessConfig.None;
        }

        var byUser = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var logins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section["sshKeys"] is JObject keys)
        {
            foreach (var (user, value) in keys)
            {
                if (value is JObject { } github)
                {
                    logins[user] = (string)github["github"]!;
                }
                else
                {
                    byUser[user] = ((JArray)value!).Select(l => ((string)l!).Trim()).ToList();
                }
            }
        }

        return new AccessConfig { SshKeys = byUser, GitHubLogins = logins, Jumpserver = Jumpserver(section["jumpserver"] as JObject) };
    }

    private JumpserverConfig? Jumpserver(JObject? section)
    {
        if (section is null)
        {
            return null;
        }

        const string pointer = "/access/jumpserver";
        foreach (var (env, file) in new[] { ("keyIdEnv", "keyIdFile"), ("keySecretEnv", "keySecretFile") })
        {
            if (section[env] is not null && section[file] is not null)
            {
                Error($"{pointer}/{file}", $"name the secret once: either {env} or {file}");
            }
        }

        var keyId = Secret(section, pointer, "keyIdEnv", "keyIdFile");
        var keySecret = Secret(section, pointer, "keySecretEnv", "keySecretFile");
        if (keyId is null || keySecret is null)
        {
            Error(pointer, "Jumpserver needs its access key: keyIdEnv or keyIdFile, and keySecretEnv or keySecretFile");
        }

        var url = AbsoluteUrl(section["url"], pointer + "/url");
        if (url is null || keyId is null || keySecret is null)
        {
            return null;
        }

        return new JumpserverConfig(
            url,
            keyId,
            keySecret,
            (string)section["node"]!,
            (string?)section["org"] ?? JumpserverConfig.DefaultOrg,
            (int?)section["platform"] ?? JumpserverConfig.DefaultPlatform,
            (string?)section["address"])
        {
            RetryInterval = Duration(section["retryInterval"], pointer + "/retryInterval", JumpserverConfig.DefaultRetryInterval),
        };
    }
}
