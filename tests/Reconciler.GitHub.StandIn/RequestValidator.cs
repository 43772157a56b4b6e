using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>Checks one request against its operation: required path and query parameters, and the JSON body against the operation's schema.</summary>
internal static class RequestValidator
{
    public static List<string> Validate(OpenApiOperation operation, IReadOnlyDictionary<string, string> pathValues, IReadOnlyDictionary<string, string> query, string body)
    {
        var problems = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var name = (string)parameter["name"]!;
            var place = (string?)parameter["in"];
            var required = (bool?)parameter["required"] == true;
            if (place == "path" && (!pathValues.TryGetValue(name, out var value) || value.Length == 0))
            {
                problems.Add($"path parameter {name} is empty");
            }
            else if (place == "query" && required && !query.ContainsKey(name))
            {
                problems.Add($"required query parameter {name} is missing");
            }
            else if (place == "path" && parameter["schema"]?["type"]?.ToString() == "integer" && !long.TryParse(pathValues[name], out _))
            {
                problems.Add($"path parameter {name} must be an integer, not '{pathValues[name]}'");
            }
        }

        if (body.Length == 0)
        {
            if (operation.BodyRequired)
            {
                problems.Add("the request body is required");
            }

            return problems;
        }

        if (operation.BodySchema is not { } schema)
        {
            problems.Add("the operation takes no JSON body, but one was sent");
            return problems;
        }

        JToken document;
        try
        {
            document = StandInJson.Parse(body);
        }
        catch (JsonReaderException e)
        {
            problems.Add("the body is not JSON: " + e.Message);
            return problems;
        }

        problems.AddRange(schema.Validate(document).Select(e => $"body {e.Path}: {e.Kind}"));
        return problems;
    }
}
