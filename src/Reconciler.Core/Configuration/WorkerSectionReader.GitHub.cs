using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Configuration;

/// <summary>
/// The <c>github</c> and <c>previews</c> sections: what the schema cannot say. An App needs its key; a key needs its
/// App; each secret is named once; and without an App a token is required.
/// </summary>
internal sealed partial class WorkerSectionReader
{
    private GitHubConfig? GitHub(JObject? section, bool hasWebhooks)
    {
        if (section is null)
        {
            return null;
        }

        if (!hasWebhooks)
        {
            Error("/github", "pull-request checks are triggered by pull_request webhooks; add a webhooks section");
        }

        Once(section, "privateKeyEnv", "privateKeyFile");
        Once(section, "tokenEnv", "tokenFile");
        var appId = (long?)section["appId"];
        var key = Secret(section, "/github", "privateKeyEnv", "privateKeyFile");
        var token = Secret(section, "/github", "tokenEnv", "tokenFile");
        if (appId is not null && key is null)
        {
            Error("/github/appId", "a GitHub App needs its private key: privateKeyEnv: NAME or privateKeyFile: PATH");
        }
        else if (appId is null && key is not null)
        {
            Error(section["privateKeyEnv"] is null ? "/github/privateKeyFile" : "/github/privateKeyEnv", "a private key needs the App's id: appId: NUMBER");
        }
        else if (appId is null && token is null)
        {
            Error("/github", "name the credentials: appId with privateKeyEnv/privateKeyFile (check runs), or tokenEnv/tokenFile (commit statuses)");
        }

        return new GitHubConfig(
            AbsoluteUrl(section["apiUrl"], "/github/apiUrl") ?? GitHubConfig.DefaultApiUrl,
            appId,
            key,
            token,
            (string?)section["checkName"] ?? GitHubConfig.DefaultCheckName,
            AbsoluteUrl(section["detailsUrl"], "/github/detailsUrl"));
    }

    private static PreviewsConfig Previews(JObject? section)
        => section is null ? PreviewsConfig.Off : new PreviewsConfig((bool?)section["enabled"] ?? false, (bool?)section["allowForks"] ?? false);

    private void Once(JObject section, string envKey, string fileKey)
    {
        if (section[envKey] is not null && section[fileKey] is not null)
        {
            Error("/github/" + fileKey, $"name the secret once: either {envKey} or {fileKey}");
        }
    }

    private Uri? AbsoluteUrl(JToken? token, string pointer)
    {
        if (token is null)
        {
            return null;
        }

        var text = (string)token!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Query.Length > 0)
        {
            Error(pointer, $"'{Documents.YamlMessages.Shorten(text)}' is not a plain http(s) URL; write e.g. https://github.example.com/api/v3");
            return null;
        }

        return uri;
    }
}
