using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Policies.Builtins;

/// <summary>Creates a built-in rule from <c>rule: { builtin: NAME, params: {…} }</c>; null (with errors) when it is unknown or its parameters are wrong.</summary>
internal static class BuiltinRules
{
    public static readonly string[] Names = ["quota", "uniqueHostPorts", "allowedRegistries"];

    public static BuiltinRule? Create(string name, JObject? values, string builtinPointer, string paramsPointer, SourceMap map, DiagnosticBag diagnostics)
    {
        var errorsBefore = diagnostics.Items.Count(d => d.IsError);
        var parameters = new BuiltinParams(values, paramsPointer, map, diagnostics);
        BuiltinRule? rule = name switch
        {
            "quota" => QuotaRule.Create(parameters),
            "uniqueHostPorts" => UniqueHostPortsRule.Create(parameters),
            "allowedRegistries" => AllowedRegistriesRule.Create(parameters),
            _ => null,
        };
        if (rule is null && !Names.Contains(name))
        {
            diagnostics.Error(DiagnosticCodes.PolicyInvalid, $"unknown builtin {MessageText.Quote(name)}; known: {string.Join(", ", Names)}", map.ValueLocation(builtinPointer), builtinPointer);
        }

        return diagnostics.Items.Count(d => d.IsError) > errorsBefore ? null : rule;
    }
}
