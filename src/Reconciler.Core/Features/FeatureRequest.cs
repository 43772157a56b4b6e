using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Features;

/// <summary>One entry under devcontainer.json <c>features</c>: the parsed reference, the user's options and where it is written.</summary>
public sealed record RequestedFeature(FeatureReference Reference, JObject Options, SourceLocation Location);

/// <summary>
/// The Features a workspace asks for, as the runtime's image step needs them: resolved against the commit tree
/// (<see cref="DevcontainerFolder"/>) and the registries, ordered, installed on top of the base image.
/// </summary>
/// <param name="OverrideInstallOrder">overrideFeatureInstallOrder, parsed.</param>
/// <param name="ConfigEntry">devcontainer.json's own <c>devcontainer.metadata</c> entry (the last one of the label).</param>
/// <param name="ConfigFile">devcontainer.json, for located messages about the Features it names.</param>
public sealed record FeatureRequest(
    IReadOnlyList<RequestedFeature> Features,
    IReadOnlyList<FeatureReference> OverrideInstallOrder,
    string DevcontainerFolder,
    JObject ConfigEntry,
    string ConfigFile);
