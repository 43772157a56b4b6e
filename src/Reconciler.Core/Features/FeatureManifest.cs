using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Features;

/// <summary>An option a Feature declares: <c>type</c> is <c>boolean</c> or <c>string</c>; <c>enum</c> restricts a string.</summary>
public sealed record FeatureOption(string Type, JToken? Default, IReadOnlyList<string>? Enum);

/// <summary>A parsed <c>devcontainer-feature.json</c>. <see cref="Raw"/> is the document as written (its metadata is picked from it).</summary>
public sealed record FeatureManifest(
    string Id,
    string? Version,
    IReadOnlyDictionary<string, FeatureOption> Options,
    IReadOnlyDictionary<string, string> ContainerEnv,
    IReadOnlyList<KeyValuePair<string, JToken>> DependsOn,
    IReadOnlyList<string> InstallsAfter,
    IReadOnlyList<string> LegacyIds,
    JObject Raw,
    SourceMap Map);

/// <summary>Reads <c>devcontainer-feature.json</c> with located diagnostics (<see cref="DiagnosticCodes.FeatureManifestInvalid"/>).</summary>
public static class FeatureManifestParser
{
    public static ParseResult<FeatureManifest> Parse(string text, string file)
    {
        var read = JsoncReader.Read(text, file);
        if (!read.Succeeded)
        {
            return ParseResult<FeatureManifest>.Failed(read.Diagnostics);
        }

        var doc = read.Value!;
        var bag = new DiagnosticBag();
        if (doc.Root is not JObject root)
        {
            bag.Error(DiagnosticCodes.FeatureManifestInvalid, "devcontainer-feature.json must be an object", doc.Map.Locate(""));
            return ParseResult<FeatureManifest>.Failed(bag.Items);
        }

        void Fail(string pointer, string message) => bag.Error(DiagnosticCodes.FeatureManifestInvalid, message, doc.Map.Locate(pointer), pointer);

        var id = root["id"] as JValue;
        if (id?.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)id))
        {
            Fail(root["id"] is null ? "" : "/id", "devcontainer-feature.json needs \"id\" (a non-empty string)");
        }

        var options = new Dictionary<string, FeatureOption>(StringComparer.Ordinal);
        if (root["options"] is { } optionsToken)
        {
            if (optionsToken is not JObject optionsObject)
            {
                Fail("/options", "\"options\" must be an object");
            }
            else
            {
                foreach (var property in optionsObject.Properties())
                {
                    var pointer = JsonPointer.Append("/options", property.Name);
                    var type = (property.Value as JObject)?["type"];
                    if (type?.Type != JTokenType.String || (string?)type is not ("boolean" or "string"))
                    {
                        Fail(pointer, $"option '{property.Name}' needs \"type\": \"boolean\" or \"string\"");
                        continue;
                    }

                    var enumValues = (property.Value["enum"] as JArray)?.Select(v => v.ToString()).ToList();
                    options[property.Name] = new FeatureOption((string)type!, property.Value["default"], enumValues);
                }
            }
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["containerEnv"] is JObject containerEnv)
        {
            foreach (var property in containerEnv.Properties())
            {
                if (property.Value.Type != JTokenType.String)
                {
                    Fail(JsonPointer.Append("/containerEnv", property.Name), $"containerEnv.{property.Name} must be a string");
                    continue;
                }

                env[property.Name] = (string)property.Value!;
            }
        }
        else if (root["containerEnv"] is { })
        {
            Fail("/containerEnv", "\"containerEnv\" must be an object");
        }

        var dependsOn = new List<KeyValuePair<string, JToken>>();
        if (root["dependsOn"] is JObject depends)
        {
            dependsOn.AddRange(depends.Properties().Select(p => new KeyValuePair<string, JToken>(p.Name, p.Value)));
        }
        else if (root["dependsOn"] is { })
        {
            Fail("/dependsOn", "\"dependsOn\" must be an object (Feature id → options)");
        }

        var installsAfter = Strings(root, "installsAfter", Fail);
        var legacyIds = Strings(root, "legacyIds", Fail);
        if (bag.HasErrors)
        {
            return ParseResult<FeatureManifest>.Failed(bag.Items);
        }

        var version = root["version"]?.Type == JTokenType.String ? (string?)root["version"] : null;
        return new ParseResult<FeatureManifest>(
            new FeatureManifest((string)id!, version, options, env, dependsOn, installsAfter, legacyIds, root, doc.Map), bag.Items);
    }

    private static List<string> Strings(JObject root, string key, Action<string, string> fail)
    {
        if (root[key] is null)
        {
            return [];
        }

        if (root[key] is JArray array && array.All(v => v.Type == JTokenType.String))
        {
            return [.. array.Select(v => (string)v!)];
        }

        fail("/" + key, $"\"{key}\" must be an array of strings");
        return [];
    }
}
