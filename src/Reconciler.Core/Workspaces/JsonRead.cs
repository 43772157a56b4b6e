using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Workspaces;

/// <summary>Typed reads of a document that already passed its schema, so types are known to be right.</summary>
internal static class JsonRead
{
    public static string? String(JObject obj, string key)
        => obj[key] is JValue { Type: JTokenType.String } value ? (string?)value.Value : null;

    public static bool? Bool(JObject obj, string key)
        => obj[key] is JValue { Type: JTokenType.Boolean } value ? (bool)value.Value! : null;

    public static long? Integer(JObject obj, string key)
        => obj[key] is JValue { Type: JTokenType.Integer } value ? Convert.ToInt64(value.Value, CultureInfo.InvariantCulture) : null;

    public static double? Number(JObject obj, string key)
        => obj[key] is JValue { Type: JTokenType.Integer or JTokenType.Float } value ? Convert.ToDouble(value.Value, CultureInfo.InvariantCulture) : null;

    public static JObject? Object(JObject obj, string key) => obj[key] as JObject;

    public static IEnumerable<JObject> Objects(JObject obj, string key)
        => obj[key] is JArray array ? array.OfType<JObject>() : [];
}
