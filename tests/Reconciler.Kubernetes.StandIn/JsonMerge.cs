using System.Text.Json.Nodes;

namespace Reconciler.Kubernetes.StandIn;

/// <summary>The merge rules of the stand-in's server-side apply (one field manager: objects by key, lists and scalars replaced).</summary>
internal static class JsonMerge
{
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>Removes from <paramref name="target"/> every field <paramref name="previous"/> set that <paramref name="next"/> no longer sets.</summary>
    public static void RemoveDropped(JsonObject target, JsonObject previous, JsonObject next)
    {
        foreach (var (key, value) in previous)
        {
            if (!next.ContainsKey(key))
            {
                target.Remove(key);
            }
            else if (value is JsonObject previousChild && next[key] is JsonObject nextChild && target[key] is JsonObject targetChild)
            {
                RemoveDropped(targetChild, previousChild, nextChild);
            }
        }
    }
}
