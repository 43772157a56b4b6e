using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// devcontainer.json variables, as @devcontainers/cli substitutes them before the container exists:
/// <c>${localWorkspaceFolder}</c>, <c>${localWorkspaceFolderBasename}</c>, <c>${containerWorkspaceFolder}</c>,
/// <c>${containerWorkspaceFolderBasename}</c>, <c>${devcontainerId}</c>, <c>${localEnv:NAME[:default]}</c> and its
/// legacy alias <c>${env:…}</c>. <c>${containerEnv:…}</c> is resolved inside the container and left as written.
/// Only string values are substituted, never keys. The process environment is never read: local variables
/// come from <see cref="SubstitutionContext.LocalEnv"/>, and only for names on the allow-list.
/// </summary>
internal static partial class VariableSubstitution
{
    /// <param name="localEnvReferences">Receives every <c>${localEnv:NAME}</c> (and <c>${env:NAME}</c>) written, allowed or not (a fact for policies).</param>
    public static JToken Apply(JToken root, SourceMap map, SubstitutionContext context, DiagnosticBag diagnostics, List<LocalEnvReference>? localEnvReferences = null)
    {
        var result = root.DeepClone();
        var known = new KnownValues(context, ContainerWorkspaceFolder(root, map, context), localEnvReferences);
        foreach (var (value, pointer) in Strings(result).ToList())
        {
            value.Value = Substitute((string)value.Value!, pointer, map, known, diagnostics);
        }

        return result;
    }

    /// <summary>The substituted <c>workspaceFolder</c>, else <c>/workspaces/&lt;basename of the local folder&gt;</c>.</summary>
    private static string ContainerWorkspaceFolder(JToken root, SourceMap map, SubstitutionContext context)
    {
        var fallback = "/workspaces/" + Basename(context.LocalWorkspaceFolder);
        if (root is JObject obj && obj["workspaceFolder"] is JValue { Type: JTokenType.String } folder)
        {
            // Diagnostics for workspaceFolder are reported once, by the walk over the whole tree.
            return Substitute((string)folder.Value!, "/workspaceFolder", map, new KnownValues(context, fallback, null), new DiagnosticBag());
        }

        return fallback;
    }

    private static string Substitute(string text, string pointer, SourceMap map, KnownValues known, DiagnosticBag diagnostics)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return text;
        }

        return Variable().Replace(text, match => Resolve(match, pointer, map, known, diagnostics));
    }

    private static string Resolve(Match match, string pointer, SourceMap map, KnownValues known, DiagnosticBag diagnostics)
    {
        var parts = match.Groups[1].Value.Split(':');
        var context = known.Context;
        switch (parts[0])
        {
            case "localWorkspaceFolder": return context.LocalWorkspaceFolder;
            case "localWorkspaceFolderBasename": return Basename(context.LocalWorkspaceFolder);
            case "containerWorkspaceFolder": return known.ContainerWorkspaceFolder;
            case "containerWorkspaceFolderBasename": return Basename(known.ContainerWorkspaceFolder);
            case "devcontainerId": return context.DevcontainerId;
            case "containerEnv": return match.Value;
            case "localEnv" or "env" when parts.Length > 1 && parts[1].Length > 0:
                known.LocalEnvReferences?.Add(new LocalEnvReference(parts[1], pointer));
                return LocalEnv(parts, match.Value, pointer, map, context, diagnostics);
            default:
                var why = parts[0] is "localEnv" or "env"
                    ? $"{MessageText.Escape(match.Value)} names no variable: expected ${{{MessageText.Escape(parts[0])}:NAME}}"
                    : $"unknown variable {MessageText.Escape(match.Value)} is left as written";
                diagnostics.Warning(DiagnosticCodes.UnknownVariable, why, map.ValueLocation(pointer), pointer);
                return match.Value;
        }
    }

    private static string LocalEnv(string[] parts, string written, string pointer, SourceMap map, SubstitutionContext context, DiagnosticBag diagnostics)
    {
        var name = parts[1];
        var fallback = parts.Length > 2 ? parts[2] : "";
        if (!context.LocalEnvAllowList.Contains(name))
        {
            diagnostics.Warning(
                DiagnosticCodes.LocalEnvNotAllowed,
                $"{MessageText.Escape(written)}: local variable {MessageText.Escape(name)} is not on the worker's allow-list, so it reads as "
                + (fallback.Length == 0 ? "empty" : $"its default {MessageText.Quote(fallback)}")
                + $"; add {MessageText.Escape(name)} to the worker's localEnv allow-list to pass it",
                map.ValueLocation(pointer),
                pointer);
            return fallback;
        }

        return context.LocalEnv.TryGetValue(name, out var value) ? value : fallback;
    }

    private static string Basename(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        var slash = trimmed.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>Every string value with its pointer, walked with an explicit stack (arrays can be long, so no IndexOf).</summary>
    private static IEnumerable<(JValue Value, string Pointer)> Strings(JToken root)
    {
        var pending = new Stack<(JToken Token, string Pointer)>();
        pending.Push((root, ""));
        while (pending.Count > 0)
        {
            var (token, pointer) = pending.Pop();
            switch (token)
            {
                case JObject obj:
                    // Pushed in reverse so that values, and so diagnostics, come out in document order.
                    foreach (var property in obj.Properties().Reverse())
                    {
                        pending.Push((property.Value, JsonPointer.Append(pointer, property.Name)));
                    }

                    break;
                case JArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push((array[i], JsonPointer.Append(pointer, i)));
                    }

                    break;
                case JValue { Type: JTokenType.String } value:
                    yield return (value, pointer);
                    break;
            }
        }
    }

    // As @devcontainers/cli: the shortest `${...}`; the content is split on ':' into name and arguments.
    [GeneratedRegex(@"\$\{(.*?)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    private sealed record KnownValues(SubstitutionContext Context, string ContainerWorkspaceFolder, List<LocalEnvReference>? LocalEnvReferences);
}
