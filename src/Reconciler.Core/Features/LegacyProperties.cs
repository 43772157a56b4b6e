using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Features;

/// <summary>
/// The devcontainer spec's legacy top-level VS Code keys moved under <c>customizations.vscode</c>, as @devcontainers/cli
/// reads every configuration and Feature (<c>updateFromOldProperties</c>): <c>extensions</c> are appended to
/// <c>customizations.vscode.extensions</c>, <c>settings</c> are merged under it (the new place wins), <c>devPort</c> moves
/// when the new place has none.
/// </summary>
public static class LegacyProperties
{
    public static JObject Migrate(JObject config)
    {
        if (!MergedConfiguration.Truthy(config["extensions"]) && !MergedConfiguration.Truthy(config["settings"]) && config["devPort"] is null)
        {
            return config;
        }

        var copy = (JObject)config.DeepClone();
        if (copy["customizations"] is not JObject customizations || !MergedConfiguration.Truthy(customizations))
        {
            copy["customizations"] = customizations = [];
        }

        if (customizations["vscode"] is not JObject vscode)
        {
            customizations["vscode"] = vscode = [];
        }

        if (MergedConfiguration.Truthy(copy["extensions"]))
        {
            var extensions = vscode["extensions"] is JArray existing ? new JArray(existing) : [];
            foreach (var item in copy["extensions"] is JArray added ? added.Children().ToList() : [copy["extensions"]!])
            {
                extensions.Add(item.DeepClone());
            }

            vscode["extensions"] = extensions;
            copy.Remove("extensions");
        }

        if (MergedConfiguration.Truthy(copy["settings"]))
        {
            var settings = copy["settings"] is JObject old ? (JObject)old.DeepClone() : [];
            foreach (var property in (vscode["settings"] as JObject ?? []).Properties())
            {
                settings[property.Name] = property.Value.DeepClone();
            }

            vscode["settings"] = settings;
            copy.Remove("settings");
        }

        if (copy["devPort"] is { } devPort && vscode["devPort"] is null)
        {
            vscode["devPort"] = devPort.DeepClone();
            copy.Remove("devPort");
        }

        return copy;
    }
}
