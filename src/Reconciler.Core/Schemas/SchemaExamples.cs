using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Reconciler.Core.Schemas;

/// <summary>Reads the draft-07 <c>examples</c> keyword (kept by NJsonSchema as extension data) for error messages.</summary>
internal static class SchemaExamples
{
    public static IReadOnlyList<string> For(JsonSchema? schema)
    {
        if (schema?.ExtensionData is null || !schema.ExtensionData.TryGetValue("examples", out var raw) || raw is null)
        {
            return [];
        }

        return raw switch
        {
            JArray array => [.. array.Select(v => v.ToString())],
            IEnumerable<object> items => [.. items.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "")],
            _ => [Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) ?? ""],
        };
    }
}
