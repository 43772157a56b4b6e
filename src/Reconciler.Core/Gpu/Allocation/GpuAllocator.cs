using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// Decides which workspace holds which GPUs. Pure and deterministic: hosts in ordinal order, GPUs by index,
/// demands in the order given (their priority). First every observed assignment that still satisfies its
/// unchanged request and fits is kept, so a new request never moves an existing one; then the other
/// requests are placed, required before optional. Stopped workspaces release their GPUs.
/// </summary>
public static class GpuAllocator
{
    public static GpuAllocation Allocate(
        IReadOnlyList<GpuInventory> inventories,
        IReadOnlyList<GpuAssignment> observed,
        IReadOnlyList<GpuDemand> demands,
        GpuAllocatorOptions? options = null)
    {
        var replicas = Math.Max(1, (options ?? new GpuAllocatorOptions()).DefaultSharedReplicas);
        var hosts = inventories
            .GroupBy(i => i.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new HostLedger(new GpuInventory(g.Key, [.. g.SelectMany(i => i.Devices)]), replicas))
            .ToList();
        var current = new Dictionary<string, GpuAssignment>(StringComparer.Ordinal);
        foreach (var assignment in observed)
        {
            current.TryAdd(assignment.Workspace, assignment);
        }

        var active = demands
            .DistinctBy(d => d.Workspace, StringComparer.Ordinal)
            .Where(d => d.State != GpuWorkloadState.Stopped && d.Request.WantsGpu)
            .ToList();

        var result = new Dictionary<string, GpuAssignment>(StringComparer.Ordinal);
        foreach (var demand in active)
        {
            if (current.TryGetValue(demand.Workspace, out var held) && Satisfies(held, demand)
                && hosts.Find(h => h.Host == held.Host) is { } host && host.TryKeep(held, demand.Request))
            {
                result[demand.Workspace] = held;
            }
        }

        var pending = new Dictionary<string, PendingGpuRequest>(StringComparer.Ordinal);
        var failures = new FailureMemo(hosts);
        foreach (var demand in active.Where(d => !result.ContainsKey(d.Workspace)).OrderBy(d => d.Request.Optional))
        {
            // Claims only grow while placing (a partial placement is rolled back), so a request that failed fails again
            // for as long as no host that could serve it changed: the earlier answer is reused, reason included.
            if (failures.Known(demand) is { } known)
            {
                pending[demand.Workspace] = new PendingGpuRequest(demand.Workspace, demand.Request, known);
            }
            else if (Place(failures.Candidates(demand), demand) is { } assignment)
            {
                result[demand.Workspace] = assignment;
            }
            else
            {
                var reason = PendingReason.Explain(hosts, demand);
                failures.Remember(demand, reason);
                pending[demand.Workspace] = new PendingGpuRequest(demand.Workspace, demand.Request, reason);
            }
        }

        return new GpuAllocation(
            [.. active.Where(d => result.ContainsKey(d.Workspace)).Select(d => result[d.Workspace])],
            [.. active.Where(d => pending.ContainsKey(d.Workspace)).Select(d => pending[d.Workspace])]);
    }

    /// <summary>Places the demand on the first candidate host that takes it whole; drops the hosts that could not.</summary>
    private static GpuAssignment? Place(List<HostLedger> candidates, GpuDemand demand)
    {
        var request = demand.Request;
        for (var i = 0; i < candidates.Count; i++)
        {
            var host = candidates[i];
            var taken = host.Place(demand.Workspace, request, request.Count);
            if (taken.Count == request.Count)
            {
                return new GpuAssignment(
                    demand.Workspace,
                    host.Host,
                    request.Mode,
                    [.. taken.Select(t => new AssignedGpu(t.Device.Device.Uuid, t.Claim.Instance?.Uuid, t.Claim.Instance?.InstanceId))],
                    taken[0].Claim.Profile ?? request.Profile,
                    request.MemoryBytes,
                    request.Replicas);
            }

            host.Rollback(taken);
            candidates.RemoveAt(i--);
        }

        return null;
    }

    /// <summary>The observed assignment was made for this very request (a changed request is placed anew).</summary>
    private static bool Satisfies(GpuAssignment held, GpuDemand demand)
    {
        var request = demand.Request;
        var distinct = held.Gpus.Select(g => g.DeviceUuid).Distinct(StringComparer.Ordinal).Count();
        return held.Mode == request.Mode
            && (demand.Host is null || demand.Host == held.Host)
            && held.Gpus.Count == request.Count
            && (request.Mode == GpuMode.Mig || distinct == held.Gpus.Count)
            && ProfileEquals(held.Profile, request.Profile)
            && held.MemoryBytes == request.MemoryBytes
            && held.Replicas == request.Replicas;
    }

    private static bool ProfileEquals(string? a, string? b)
        => a is null || b is null
            ? a is null && b is null
            : string.Equals(MigProfileName.Normalize(a), MigProfileName.Normalize(b), StringComparison.OrdinalIgnoreCase);
}
