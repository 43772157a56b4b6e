using System.Text.Json;

namespace Reconciler.Worker.Api;

/// <summary>System.Text.Json with web defaults: camelCase names, ISO 8601 times.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
