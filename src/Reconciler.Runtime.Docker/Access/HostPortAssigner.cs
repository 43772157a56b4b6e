using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Access;

/// <summary>
/// Gives every published port of a workspace that names no host port one from the host's range, keeping the ports
/// the workspace held before (its previous container, or a leftover of an interrupted create), and returns the
/// workspace with those ports filled in and the label value that records them.
/// </summary>
internal static class HostPortAssigner
{
    public static (DesiredWorkspace Desired, string Label) Assign(
        DesiredWorkspace desired, HostPortsInUse host, IReadOnlyDictionary<string, int> previous, HostPortRange range)
    {
        var ports = desired.Container.Ports;
        var inUse = new HashSet<int>(host.InUse);
        inUse.UnionWith(ports.Where(p => p.HostPort is not null).Select(p => p.HostPort!.Value));
        var kept = new Dictionary<string, int>(host.Own, StringComparer.Ordinal);
        foreach (var (portKey, port) in previous)
        {
            kept.TryAdd(portKey, port);
        }

        var open = ports.Where(p => p.HostPort is null).Select(HostPortAllocator.PortKey).ToList();
        var allocated = HostPortAllocator.Allocate(desired.Key, open, kept, inUse, range)
            ?? throw new StepFailedException("NoFreeHostPort", $"{desired.Key} needs {open.Count} host port(s) and the range {range} has too few free");
        var bound = ports.Select(p => p.HostPort is null ? p with { HostPort = allocated[HostPortAllocator.PortKey(p)] } : p).ToList();
        var label = bound.Where(p => p.HostPort is not null)
            .GroupBy(HostPortAllocator.PortKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().HostPort!.Value, StringComparer.Ordinal);
        return (desired with { Container = desired.Container with { Ports = bound } }, HostPortLabel.Format(label));
    }
}
