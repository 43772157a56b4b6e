using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Where the container comes from besides <c>image</c>: <c>build</c> (and the legacy top-level
/// <c>dockerFile</c>/<c>context</c>, which mean the same) and Docker Compose.
/// </summary>
internal static class ImageSourceReader
{
    public static BuildSpec? ReadBuild(JObject root, JsonBinder binder)
    {
        var build = binder.Object(root["build"], "/build");
        var legacyDockerfile = binder.String(root["dockerFile"], "/dockerFile");
        var legacyContext = binder.String(root["context"], "/context");
        if (build is null && legacyDockerfile is null)
        {
            return null;
        }

        build ??= [];
        foreach (var property in build.Properties().Where(p => !DevcontainerKeys.Build.Contains(p.Name)))
        {
            binder.Warning(DiagnosticCodes.UnknownKey, "/build/" + property.Name, $"unknown key build.{MessageText.Escape(property.Name)} is ignored", atKey: true);
        }

        var dockerfile = binder.String(build["dockerfile"], "/build/dockerfile") ?? legacyDockerfile;
        var context = binder.String(build["context"], "/build/context") ?? legacyContext;
        var args = binder.StringMap(build["args"], "/build/args");
        var target = binder.String(build["target"], "/build/target");
        var cacheFrom = binder.StringOrArray(build["cacheFrom"], "/build/cacheFrom");
        binder.StringArray(build["options"], "/build/options");
        if (dockerfile is null)
        {
            binder.Diagnostics.Error(
                DiagnosticCodes.MissingRequired,
                "build needs \"dockerfile\" (the Dockerfile path, relative to devcontainer.json)",
                binder.Map.Locate("/build"),
                "/build");
            return null;
        }

        return new BuildSpec(dockerfile, context, args, target, cacheFrom);
    }

    public static ComposeSpec? ReadCompose(JObject root, JsonBinder binder)
    {
        var files = binder.StringOrArray(root["dockerComposeFile"], "/dockerComposeFile");
        var service = binder.String(root["service"], "/service");
        var runServices = binder.StringArray(root["runServices"], "/runServices");
        return root["dockerComposeFile"] is null ? null : new ComposeSpec(files, service, runServices);
    }

    public static IReadOnlyDictionary<string, JToken> ReadFeatures(JToken? token, JsonBinder binder)
    {
        var features = new Dictionary<string, JToken>(StringComparer.Ordinal);
        if (binder.Object(token, "/features") is { } obj)
        {
            foreach (var property in obj.Properties())
            {
                features[property.Name] = property.Value;
            }
        }

        return features;
    }

    /// <summary>remoteEnv: string values, or null to unset a variable.</summary>
    public static IReadOnlyDictionary<string, string?> ReadRemoteEnv(JToken? token, JsonBinder binder)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (binder.Object(token, "/remoteEnv") is { } obj)
        {
            foreach (var property in obj.Properties())
            {
                if (property.Value.Type == JTokenType.Null)
                {
                    env[property.Name] = null;
                }
                else if (binder.String(property.Value, JsonPointer.Append("/remoteEnv", property.Name)) is { } value)
                {
                    env[property.Name] = value;
                }
            }
        }

        return env;
    }
}
