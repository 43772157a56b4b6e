using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Documents;

/// <summary>The RFC 6901 pointer of a token inside its tree (Newtonsoft's own paths are ambiguous for keys with dots).</summary>
internal static class TokenPointer
{
    public static string Of(JToken token)
    {
        var segments = new List<string>();
        var current = token;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case JProperty property:
                    segments.Add(Escape(property.Name));
                    if (property.Parent is not { } owner)
                    {
                        return Join(segments);
                    }

                    current = owner;
                    break;
                case JArray array:
                    segments.Add(array.IndexOf(current).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    current = array;
                    break;
                case JObject when current is JProperty member:
                    segments.Add(Escape(member.Name));
                    current = parent;
                    break;
                default:
                    current = parent;
                    break;
            }
        }

        return Join(segments);
    }

    private static string Escape(string token)
        => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Join(List<string> segments)
    {
        segments.Reverse();
        return segments.Count == 0 ? "" : "/" + string.Join('/', segments);
    }
}
