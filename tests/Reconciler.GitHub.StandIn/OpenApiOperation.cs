using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Reconciler.GitHub.StandIn;

/// <summary>One operation of the description: its path template, method, parameters (refs resolved) and request body schema.</summary>
public sealed class OpenApiOperation(string template, string method, JObject operation, IReadOnlyList<JObject> parameters, Lazy<JsonSchema?> bodySchema, bool bodyRequired)
{
    public string Template { get; } = template;

    public string Method { get; } = method;

    public string Id => (string?)operation["operationId"] ?? $"{Method} {Template}";

    public IReadOnlyList<JObject> Parameters { get; } = parameters;

    public JsonSchema? BodySchema => bodySchema.Value;

    public bool BodyRequired { get; } = bodyRequired;

    /// <summary>The documented success status (the lowest 2xx of the responses).</summary>
    public int SuccessStatus => ((JObject)operation["responses"]!).Properties()
        .Select(p => int.TryParse(p.Name, out var code) ? code : 0)
        .Where(code => code is >= 200 and < 300)
        .DefaultIfEmpty(200)
        .Min();
}
