using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Policies.Builtins;

/// <summary>Reads a built-in rule's <c>params:</c> with located errors; an unknown parameter is an error, never ignored.</summary>
internal sealed class BuiltinParams(JObject? values, string pointer, SourceMap map, DiagnosticBag diagnostics)
{
    public JObject Values { get; } = values ?? [];

    public string Pointer { get; } = pointer;

    public void AllowOnly(params string[] names)
    {
        foreach (var property in Values.Properties().Where(p => !names.Contains(p.Name)))
        {
            var allowed = names.Length == 0 ? "this rule takes no parameters" : "allowed: " + string.Join(", ", names);
            Error(JsonPointer.Append(Pointer, property.Name), $"unknown parameter {MessageText.Quote(property.Name)}; {allowed}");
        }
    }

    public void Error(string at, string message) => diagnostics.Error(DiagnosticCodes.PolicyInvalid, message, map.Locate(at), at);

    public IReadOnlyList<string> Strings(JObject from, string name, string at, bool required)
    {
        var token = from[name];
        if (token is null)
        {
            if (required)
            {
                Error(at, $"missing required parameter '{name}' (a list of strings)");
            }

            return [];
        }

        if (token is not JArray array || array.Any(v => v.Type != JTokenType.String))
        {
            Error(JsonPointer.Append(at, name), $"'{name}' must be a list of strings");
            return [];
        }

        return [.. array.Select(v => (string)v!)];
    }

    public bool? Bool(JObject from, string name, string at)
    {
        var token = from[name];
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            Error(JsonPointer.Append(at, name), $"'{name}' must be true or false");
            return null;
        }

        return (bool)token;
    }

    public double? Number(JObject from, string name, string at, bool integer)
    {
        var token = from[name];
        if (token is null)
        {
            return null;
        }

        if (token.Type is not (JTokenType.Integer or JTokenType.Float) || (integer && token.Type != JTokenType.Integer) || (double)token < 0)
        {
            Error(JsonPointer.Append(at, name), $"'{name}' must be a {(integer ? "whole number" : "number")} ≥ 0");
            return null;
        }

        return (double)token;
    }
}
