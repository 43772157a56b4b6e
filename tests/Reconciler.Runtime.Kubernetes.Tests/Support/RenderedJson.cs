using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Reconciler.Runtime.Kubernetes.Rendering;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

/// <summary>Rendered objects as the JSON the client sends (KubernetesJson), for golden files and schema validation.</summary>
public static class RenderedJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonArray Objects(RenderedWorkspace rendered)
        => [.. rendered.AllObjects().Select(o => JsonNode.Parse(KubernetesJson.Serialize(o)))];

    /// <summary>The golden document: security level, deviations, problems and every object.</summary>
    public static string Golden(RenderedWorkspace rendered)
    {
        var document = new JsonObject
        {
            ["podSecurity"] = rendered.PodSecurity.ToString(),
            ["securityDeviations"] = new JsonArray([.. rendered.SecurityDeviations.Select(d => JsonValue.Create(d))]),
            ["problems"] = new JsonArray([.. rendered.Problems.Select(p => JsonValue.Create(p))]),
            ["objects"] = Objects(rendered),
        };
        return document.ToJsonString(Indented) + "\n";
    }
}
