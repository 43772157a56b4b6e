using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;

namespace Reconciler.Core.Features;

/// <summary>
/// devcontainer.json as the merge reads it: after variable substitution and with the legacy keys moved
/// (<see cref="LegacyProperties"/>) — what @devcontainers/cli reports as <c>configuration</c>.
/// </summary>
public static class EffectiveConfiguration
{
    public static JObject Of(DevcontainerConfig config) => LegacyProperties.Migrate(config.Document.Root as JObject ?? []);

    /// <summary>The merged configuration: <see cref="Of"/> with the image metadata entries and its own entry folded in.</summary>
    public static JObject Merged(DevcontainerConfig config, IReadOnlyList<JObject> imageEntries)
    {
        var own = Of(config);
        return MergedConfiguration.Merge(own, [.. imageEntries, ImageMetadata.ConfigEntry(own)]);
    }
}
