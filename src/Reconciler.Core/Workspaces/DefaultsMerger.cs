using Newtonsoft.Json.Linq;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// Merges <c>defaults:</c> into every entry of <c>workspaces:</c>: mappings are merged key by key, and a scalar or
/// list written in the workspace replaces the default as a whole. Inherited values keep their location in
/// <c>defaults:</c> (through <see cref="SourceMap.Alias"/>), so an error in one points at the line that wrote it.
/// </summary>
internal static class DefaultsMerger
{
    public static void Merge(JObject root, SourceMap map)
    {
        if (root["defaults"] is not JObject defaults || root["workspaces"] is not JArray workspaces)
        {
            return;
        }

        for (var i = 0; i < workspaces.Count; i++)
        {
            if (workspaces[i] is JObject workspace)
            {
                MergeInto(workspace, defaults, "/defaults", JsonPointer.Append("/workspaces", i), map);
            }
        }
    }

    // Recursion depth is bounded by InputLimits.MaxDepth, which the reader enforced.
    private static void MergeInto(JObject target, JObject source, string from, string to, SourceMap map)
    {
        foreach (var property in source.Properties())
        {
            var fromPointer = JsonPointer.Append(from, property.Name);
            var toPointer = JsonPointer.Append(to, property.Name);
            var existing = target[property.Name];
            if (existing is null)
            {
                target[property.Name] = property.Value.DeepClone();
                map.Alias(fromPointer, toPointer);
            }
            else if (existing is JObject targetObject && property.Value is JObject sourceObject)
            {
                MergeInto(targetObject, sourceObject, fromPointer, toPointer, map);
            }
        }
    }
}
