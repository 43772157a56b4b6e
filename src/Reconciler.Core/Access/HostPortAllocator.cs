using System.Text;
using Reconciler.Core.Desired;

namespace Reconciler.Core.Access;

/// <summary>
/// Picks host ports for the published ports of one workspace that name none. Pure and deterministic: the same
/// inputs give the same ports. A port the workspace already holds (<c>previous</c>, read back from its container)
/// is kept while it is in the range and not taken by something else; a new one starts at a preferred port derived
/// from a hash of the workspace key and the port key (<c>8080/tcp</c>) and probes forward, wrapping inside the range,
/// to the first port that is neither in use on the host nor already picked for this workspace.
/// </summary>
public static class HostPortAllocator
{
    /// <summary>
    /// Host ports for <paramref name="portKeys"/>. <paramref name="inUse"/> holds every host port of the host that is
    /// not this workspace's own (other workspaces of every repository, other containers, this workspace's fixed ports).
    /// Null when the range has no free port left for one of them.
    /// </summary>
    public static IReadOnlyDictionary<string, int>? Allocate(
        WorkspaceKey key,
        IEnumerable<string> portKeys,
        IReadOnlyDictionary<string, int> previous,
        IReadOnlySet<int> inUse,
        HostPortRange range)
    {
        ArgumentNullException.ThrowIfNull(key);
        var wanted = portKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var taken = new HashSet<int>(inUse);
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);

        // Kept ports first, so a new port never takes one this workspace already holds.
        foreach (var portKey in wanted)
        {
            if (previous.TryGetValue(portKey, out var held) && range.Contains(held) && taken.Add(held))
            {
                result[portKey] = held;
            }
        }

        foreach (var portKey in wanted.Where(p => !result.ContainsKey(p)))
        {
            var start = Preferred(key, portKey, range);
            int? found = null;
            for (var i = 0; i < range.Count; i++)
            {
                var candidate = range.First + ((start - range.First + i) % range.Count);
                if (taken.Add(candidate))
                {
                    found = candidate;
                    break;
                }
            }

            if (found is null)
            {
                return null;
            }

            result[portKey] = found.Value;
        }

        return result;
    }

    /// <summary>The port key of a binding: <c>containerPort/protocol</c>.</summary>
    public static string PortKey(PortBinding binding)
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{binding.ContainerPort}/{binding.Protocol.ToLowerInvariant()}");

    /// <summary>FNV-1a over the UTF-8 of <c>repository/workspace#portKey</c>: stable across processes and versions.</summary>
    internal static int Preferred(WorkspaceKey key, string portKey, HostPortRange range)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes($"{key}#{portKey}"))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return range.First + (int)(hash % (uint)range.Count);
    }
}
