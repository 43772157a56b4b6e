using Reconciler.Core.Features;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>A Feature ready to install: its files, parsed manifest and the variables its install.sh gets.</summary>
internal sealed record ResolvedFeature(
    FeatureReference Reference,
    FetchedFeature Fetched,
    FeatureManifest Manifest,
    IReadOnlyList<KeyValuePair<string, string>> Environment);
