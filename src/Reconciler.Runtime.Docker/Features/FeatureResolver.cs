using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Features;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>
/// Resolves a workspace's Features: fetches each one (and, transitively, what its <c>dependsOn</c> names), parses its
/// manifest, turns options into variables and puts them in install order. Every problem found is reported at once as
/// <c>FeatureResolutionFailed</c>, each line a located diagnostic (devcontainer.json where the Feature is named, the
/// manifest for its own fields).
/// </summary>
internal sealed class FeatureResolver(FeatureFetcher fetcher)
{
    /// <summary>Bounds <c>dependsOn</c> chains (a registry could otherwise serve an endless one).</summary>
    private const int MaxFeatures = 64;

    public async Task<IReadOnlyList<ResolvedFeature>> ResolveAsync(FeatureRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<Diagnostic>();
        var work = new Queue<(FeatureReference Reference, JObject Options, SourceLocation Location)>(
            request.Features.Select(f => (f.Reference, f.Options, f.Location)));
        var fetched = new Dictionary<string, FetchedFeature>(StringComparer.Ordinal);
        var resolved = new List<(ResolvedFeature Feature, FeatureNode Node)>();
        while (work.Count > 0)
        {
            var (reference, options, location) = work.Dequeue();
            var optionsKey = FeatureRequestBuilder.Canonical(options);
            if (resolved.Any(r => r.Node.Resource == reference.Resource && r.Node.OptionsKey == optionsKey))
            {
                continue;
            }

            if (resolved.Count >= MaxFeatures)
            {
                errors.Add(Diagnostic.Error(DiagnosticCodes.FeatureInstallOrderCycle, $"more than {MaxFeatures} Features through dependsOn", location));
                break;
            }

            var fetchKey = reference.Kind == FeatureSourceKind.Oci ? $"{reference.Resource}@{reference.ManifestReference}" : reference.Resource;
            FetchedFeature feature;
            try
            {
                if (!fetched.TryGetValue(fetchKey, out feature!))
                {
                    fetched[fetchKey] = feature = await fetcher.FetchAsync(reference, cancellationToken);
                }
            }
            catch (FeatureFetchException e)
            {
                errors.Add(Diagnostic.Error(e.Code, $"Feature '{reference.UserId}': {e.Message}", location));
                continue;
            }

            var parsed = FeatureManifestParser.Parse(feature.ManifestText ?? string.Empty, feature.ManifestLocation);
            if (!parsed.Succeeded)
            {
                errors.AddRange(parsed.Diagnostics.Where(d => d.IsError));
                continue;
            }

            var manifest = parsed.Value!;
            var optionErrors = new List<string>();
            var environment = FeatureOptionEnvironment.Build(manifest, options, optionErrors);
            errors.AddRange(optionErrors.Select(m => Diagnostic.Error(DiagnosticCodes.FeatureOptionInvalid, m, location)));
            var dependsOn = new List<(string, string)>();
            foreach (var (id, value) in manifest.DependsOn)
            {
                var pointer = JsonPointer.Append("/dependsOn", id);
                var dependencyLocation = manifest.Map.Locate(pointer);
                var dependencyReference = FeatureReference.Parse(id, FolderOf(reference), out var error);
                var dependencyOptions = FeatureOptionEnvironment.UserOptions(value, out var optionsError);
                if (dependencyReference is null || dependencyOptions is null)
                {
                    errors.Add(Diagnostic.Error(dependencyReference is null ? DiagnosticCodes.FeatureReferenceInvalid : DiagnosticCodes.FeatureOptionInvalid, error ?? optionsError!, dependencyLocation));
                    continue;
                }

                dependsOn.Add((dependencyReference.Resource, FeatureRequestBuilder.Canonical(dependencyOptions)));
                work.Enqueue((dependencyReference, dependencyOptions, dependencyLocation));
            }

            var installsAfter = manifest.InstallsAfter
                .Select(id => FeatureReference.Parse(id, FolderOf(reference), out _)?.Resource)
                .OfType<string>()
                .ToList();
            var node = new FeatureNode(reference.Resource, optionsKey, reference.UserId, dependsOn, installsAfter, [manifest.Id, .. manifest.LegacyIds]);
            resolved.Add((new ResolvedFeature(reference, feature, manifest, environment), node));
        }

        if (errors.Count == 0)
        {
            var order = FeatureInstallOrder.Compute([.. resolved.Select(r => r.Node)], [.. request.OverrideInstallOrder.Select(r => r.Resource)], out var cycle);
            if (order is not null)
            {
                return [.. order.Select(n => resolved.First(r => r.Node == n).Feature)];
            }

            var first = request.Features.FirstOrDefault(f => cycle.Any(c => c.Resource == f.Reference.Resource));
            errors.Add(Diagnostic.Error(
                DiagnosticCodes.FeatureInstallOrderCycle,
                $"these Features wait on each other (dependsOn/installsAfter form a cycle), so none can be installed first: {string.Join(", ", cycle.Select(c => c.UserId).Order(StringComparer.Ordinal))}",
                first?.Location ?? SourceLocation.StartOf(request.ConfigFile)));
        }

        throw new StepFailedException("FeatureResolutionFailed", string.Join("\n", errors.Select(e => e.ToString())));
    }

    /// <summary>A local Feature's own dependencies are relative to its folder's parent (the folder holding the Features).</summary>
    private static string FolderOf(FeatureReference reference)
        => reference.Kind == FeatureSourceKind.Local && reference.Resource.LastIndexOf('/') is var slash and > 0 ? reference.Resource[..slash] : string.Empty;
}
