using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Features;

/// <summary>
/// Compiles devcontainer.json <c>features</c> and <c>overrideFeatureInstallOrder</c> into a <see cref="FeatureRequest"/>:
/// every reference is parsed here (a malformed one is <see cref="DiagnosticCodes.FeatureReferenceInvalid"/> at its key) and
/// every options value checked for shape (<see cref="DiagnosticCodes.FeatureOptionInvalid"/>); fetching and ordering are the
/// runtime's image step.
/// </summary>
public static class FeatureRequestBuilder
{
    public static FeatureRequest? Build(DevcontainerConfig config, string devcontainerPath, DiagnosticBag diagnostics)
    {
        if (config.Features.Count == 0)
        {
            return null;
        }

        var map = config.Document.Map;
        var slash = devcontainerPath.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : devcontainerPath[..slash];
        var features = new List<RequestedFeature>();
        foreach (var (id, value) in config.Features)
        {
            var pointer = JsonPointer.Append("/features", id);
            var keyLocation = map.Locate(pointer);
            if (FeatureReference.Parse(id, folder, out var error) is not { } reference)
            {
                diagnostics.Error(DiagnosticCodes.FeatureReferenceInvalid, error!, keyLocation, pointer);
                continue;
            }

            if (FeatureOptionEnvironment.UserOptions(value, out var optionsError) is not { } options)
            {
                diagnostics.Error(DiagnosticCodes.FeatureOptionInvalid, $"{id}: {optionsError}", map.ValueLocation(pointer), pointer);
                continue;
            }

            foreach (var property in options.Properties().Where(p => p.Value is JContainer))
            {
                var optionPointer = JsonPointer.Append(pointer, property.Name);
                diagnostics.Error(DiagnosticCodes.FeatureOptionInvalid, $"{id}: option '{property.Name}' must be a string or a boolean", map.ValueLocation(optionPointer), optionPointer);
            }

            features.Add(new RequestedFeature(reference, options, keyLocation));
        }

        var order = new List<FeatureReference>();
        var root = config.Document.Root as JObject;
        if (root?["overrideFeatureInstallOrder"] is { } overrideToken)
        {
            if (overrideToken is not JArray array || array.Any(v => v.Type != JTokenType.String))
            {
                diagnostics.Error(DiagnosticCodes.WrongType, "overrideFeatureInstallOrder must be an array of Feature ids", map.ValueLocation("/overrideFeatureInstallOrder"), "/overrideFeatureInstallOrder");
            }
            else
            {
                for (var i = 0; i < array.Count; i++)
                {
                    var pointer = JsonPointer.Append("/overrideFeatureInstallOrder", i);
                    if (FeatureReference.Parse((string)array[i]!, folder, out var error) is { } reference)
                    {
                        order.Add(reference);
                    }
                    else
                    {
                        diagnostics.Error(DiagnosticCodes.FeatureReferenceInvalid, error!, map.ValueLocation(pointer), pointer);
                    }
                }
            }
        }

        return new FeatureRequest(features, order, folder, ImageMetadata.ConfigEntry(EffectiveConfiguration.Of(config)), map.File);
    }

    /// <summary>Spec-hash fields: each Feature id with its options (canonical JSON), and the override order.</summary>
    public static IEnumerable<KeyValuePair<string, string>> HashFields(FeatureRequest request)
    {
        foreach (var feature in request.Features)
        {
            yield return new($"features.{feature.Reference.UserId}", Canonical(feature.Options));
        }

        if (request.OverrideInstallOrder.Count > 0)
        {
            yield return new("overrideFeatureInstallOrder", string.Join(",", request.OverrideInstallOrder.Select(r => r.UserId)));
        }
    }

    /// <summary>JSON with object keys sorted, so equal options hash equal however they are written.</summary>
    public static string Canonical(JToken token) => Sort(token).ToString(Formatting.None);

    private static JToken Sort(JToken token) => token switch
    {
        JObject obj => new JObject(obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new JProperty(p.Name, Sort(p.Value)))),
        JArray array => new JArray(array.Select(Sort)),
        _ => token.DeepClone(),
    };
}
