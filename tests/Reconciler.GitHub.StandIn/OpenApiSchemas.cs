using Newtonsoft.Json.Linq;

namespace Reconciler.GitHub.StandIn;

/// <summary>
/// Turns an OpenAPI 3.0 schema into a standalone JSON Schema NJsonSchema can validate with: every
/// <c>#/components/...</c> reference inlined (a recursive one becomes an open schema), and <c>nullable: true</c>
/// written as a <c>type</c> that also allows null.
/// </summary>
internal static class OpenApiSchemas
{
    public static JToken Inline(JToken schema, JObject root) => Inline(schema, root, []);

    public static JToken Resolve(JToken token, JObject root)
        => token is JObject { } o && (string?)o["$ref"] is { } reference ? Resolve(Lookup(root, reference), root) : token;

    private static JToken Inline(JToken token, JObject root, HashSet<string> open)
    {
        switch (token)
        {
            case JObject o when (string?)o["$ref"] is { } reference:
                if (!open.Add(reference))
                {
                    return new JObject();
                }

                var inlined = Inline(Lookup(root, reference), root, open);
                open.Remove(reference);
                return inlined;
            case JObject o:
                var copy = new JObject();
                foreach (var property in o.Properties())
                {
                    copy[property.Name] = property.Name is "example" or "examples" or "discriminator" or "x-github" ? null : Inline(property.Value, root, open);
                }

                foreach (var dropped in copy.Properties().Where(p => p.Value.Type == JTokenType.Null).ToList())
                {
                    dropped.Remove();
                }

                if ((bool?)copy["nullable"] == true && copy["type"] is JValue type)
                {
                    copy["type"] = new JArray(type, "null");
                }

                copy.Remove("nullable");
                return copy;
            case JArray a:
                return new JArray(a.Select(item => Inline(item, root, open)));
            default:
                return token.DeepClone();
        }
    }

    private static JToken Lookup(JObject root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("only local references are supported: " + reference);
        }

        JToken current = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            current = current[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new InvalidOperationException("unresolved reference " + reference);
        }

        return current;
    }
}
