using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>Parses request bodies as sent: dates stay strings (Newtonsoft would turn them into DateTime and reformat them).</summary>
internal static class StandInJson
{
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader);
        return reader.Read() ? throw new JsonReaderException("additional text after the JSON value") : token;
    }
}
