using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// GitHub's REST description, indexed by path template. <see cref="Find"/> matches a request path to the most
/// specific template (literal segments beat parameters) and a method to its operation. Loaded once per process.
/// </summary>
public sealed class OpenApiDescription
{
    private static readonly Lazy<OpenApiDescription> Shared = new(() => new OpenApiDescription(JObject.Parse(File.ReadAllText(OpenApiPackage.DescriptionPath))));
    private readonly JObject _root;
    private readonly List<(string Template, string[] Segments, JObject Item)> _paths;

    private OpenApiDescription(JObject root)
    {
        _root = root;
        _paths = [.. ((JObject)root["paths"]!).Properties().Select(p => (p.Name, p.Name.Trim('/').Split('/'), (JObject)p.Value))];
    }

    public static OpenApiDescription GitHub => Shared.Value;

    /// <summary>The operation for <paramref name="method"/> on <paramref name="path"/>, or why there is none.</summary>
    public (OpenApiOperation? Operation, string? Problem) Find(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        var candidates = _paths
            .Where(p => p.Segments.Length == segments.Length && p.Segments.Zip(segments).All(s => IsParameter(s.First) ? s.Second.Length > 0 : s.First == s.Second))
            .OrderByDescending(p => p.Segments.Count(s => !IsParameter(s)))
            .ToList();
        if (candidates.Count == 0)
        {
            return (null, $"no path of GitHub's REST API matches {path}");
        }

        var (template, _, item) = candidates[0];
        if (item[method.ToLowerInvariant()] is not JObject operation)
        {
            return (null, $"{template} has no {method.ToUpperInvariant()} operation");
        }

        return (Build(template, method.ToUpperInvariant(), item, operation), null);
    }

    /// <summary>Path parameters by name (<c>{owner}</c> → value) for a path that matched <paramref name="template"/>.</summary>
    public static IReadOnlyDictionary<string, string> PathValues(string template, string path)
        => template.Trim('/').Split('/').Zip(path.Trim('/').Split('/'))
            .Where(s => IsParameter(s.First))
            .ToDictionary(s => s.First[1..^1], s => Uri.UnescapeDataString(s.Second), StringComparer.Ordinal);

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private readonly Dictionary<string, OpenApiOperation> _built = new(StringComparer.Ordinal);

    private OpenApiOperation Build(string template, string method, JObject item, JObject operation)
    {
        lock (_built)
        {
            var key = method + " " + template;
            if (_built.TryGetValue(key, out var built))
            {
                return built;
            }

            var parameters = ((item["parameters"] as JArray) ?? []).Concat((operation["parameters"] as JArray) ?? [])
                .Select(p => (JObject)OpenApiSchemas.Resolve(p, _root))
                .ToList();
            var body = operation["requestBody"] is { } requestBody ? (JObject)OpenApiSchemas.Resolve(requestBody, _root) : null;
            var schema = body?["content"]?["application/json"]?["schema"];
            var lazy = new Lazy<JsonSchema?>(() => schema is null ? null : JsonSchema.FromJsonAsync(OpenApiSchemas.Inline(schema, _root).ToString()).GetAwaiter().GetResult());
            built = new OpenApiOperation(template, method, operation, parameters, lazy, (bool?)body?["required"] == true);
            _built[key] = built;
            return built;
        }
    }
}
