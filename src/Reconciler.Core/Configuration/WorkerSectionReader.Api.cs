using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Configuration;

/// <summary>
/// The <c>api</c> section: what the schema cannot say about tokens. Each token is named once and kept in exactly one
/// place (<c>tokenEnv</c> or <c>tokenFile</c>); a team token names its team, an admin token none.
/// </summary>
internal sealed partial class WorkerSectionReader
{
    private ApiConfig Api(JObject? section)
    {
        if (section is null)
        {
            return ApiConfig.None;
        }

        var tokens = new List<ApiTokenConfig>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = section["tokens"] as JArray ?? [];
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = (JObject)entries[index];
            var pointer = $"/api/tokens/{index}";
            var name = (string)entry["name"]!;
            if (!names.TryAdd(name, index))
            {
                Error(pointer + "/name", $"the token name '{name}' is already used by api.tokens[{names[name]}]; name each token once");
            }

            var role = (string)entry["role"]! == "team" ? ApiRole.Team : ApiRole.Admin;
            var team = (string?)entry["team"];
            if (role == ApiRole.Team && team is null)
            {
                Error(pointer, "a token with role team needs team: NAME (the team whose workspaces it may see)");
            }
            else if (role == ApiRole.Admin && team is not null)
            {
                Error(pointer + "/team", "an admin token sees every team; remove team, or use role: team");
            }

            if (entry["tokenEnv"] is not null && entry["tokenFile"] is not null)
            {
                Error(pointer + "/tokenFile", "name the token once: either tokenEnv or tokenFile");
            }

            if (Secret(entry, pointer, "tokenEnv", "tokenFile") is not { } secret)
            {
                Error(pointer, "a token needs tokenEnv: NAME (an environment variable) or tokenFile: PATH; it is never written inline");
                continue;
            }

            tokens.Add(new ApiTokenConfig(name, role, team, secret, document.Map.Locate(pointer)));
        }

        return new ApiConfig
        {
            Tokens = tokens,
            MetricsRequireToken = (bool?)section["metrics"]?["requireToken"] ?? false,
        };
    }
}
