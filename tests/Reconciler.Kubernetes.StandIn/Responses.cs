using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Reconciler.Kubernetes.StandIn;

internal static class Responses
{
    public static async Task<int> JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
        return status;
    }

    /// <summary>A metav1.Status failure, as the API server writes it.</summary>
    public static Task<int> StatusAsync(HttpContext context, int code, string reason, string message)
        => JsonAsync(context, code, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        });
}
