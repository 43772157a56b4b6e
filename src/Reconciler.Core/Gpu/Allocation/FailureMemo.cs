using Reconciler.Core.Gpu.Requests;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// Remembers requests that could not be placed, with the versions of the hosts that could ever serve them. While
/// none of those hosts changed, the same request (same request, same pinned host) fails again with the same reason:
/// nothing is scanned. This is what keeps a full cluster with thousands of waiting requests cheap to allocate.
/// </summary>
internal sealed class FailureMemo(List<HostLedger> hosts)
{
    private readonly Dictionary<(GpuRequest Request, string? Host), List<HostLedger>> _relevant = [];
    private readonly Dictionary<(GpuRequest Request, string? Host), (long Version, string Reason)> _failed = [];
    private readonly Dictionary<(GpuRequest Request, string? Host), List<HostLedger>> _candidates = [];

    /// <summary>
    /// The hosts still worth trying for the demand, in order. A host that could not take the whole request is dropped
    /// (<see cref="Exhausted"/>): claims only grow while placing, so it never could later in this allocation.
    /// </summary>
    public List<HostLedger> Candidates(GpuDemand demand)
    {
        var key = (demand.Request, demand.Host);
        if (!_candidates.TryGetValue(key, out var candidates))
        {
            candidates = [.. Relevant(demand)];
            _candidates[key] = candidates;
        }

        return candidates;
    }

    public string? Known(GpuDemand demand)
        => _failed.TryGetValue((demand.Request, demand.Host), out var failure) && failure.Version == Version(demand) ? failure.Reason : null;

    public void Remember(GpuDemand demand, string reason) => _failed[(demand.Request, demand.Host)] = (Version(demand), reason);

    /// <summary>The hosts that could ever serve the demand (its pinned host, a GPU of the model and MIG mode), in order.</summary>
    public List<HostLedger> Relevant(GpuDemand demand)
    {
        var key = (demand.Request, demand.Host);
        if (!_relevant.TryGetValue(key, out var relevant))
        {
            relevant = [.. hosts.Where(h => (demand.Host is null || h.Host == demand.Host) && h.CanEverServe(demand.Request))];
            _relevant[key] = relevant;
        }

        return relevant;
    }

    private long Version(GpuDemand demand)
    {
        var version = 0L;
        foreach (var host in Relevant(demand))
        {
            version += host.Version;
        }

        return version;
    }
}
