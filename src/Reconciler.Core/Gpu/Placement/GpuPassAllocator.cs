using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Docker;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Planning;

namespace Reconciler.Core.Gpu.Placement;

/// <summary>
/// The GPU step of a pass, pure: inventory + GPUs held on the runtime (every repository, every host) + this pass's
/// desired requests → an assignment or a pending reason per workspace. Rules on top of <see cref="GpuAllocator"/>:
/// <list type="bullet">
/// <item>A running container keeps what it holds until it is observed stopped or gone: holders that are not a
/// running desired request of this pass (other repositories, workspaces removed from the file, workspaces
/// whose desired power is stopped, containers about to be recreated without a GPU) are kept first, as they are.</item>
/// <item>Then this pass's requests of workspaces whose desired power is running, in the order given (file order):
/// an observed assignment whose request is unchanged is kept (never moved because a new request arrived).</item>
/// <item>A changed request that cannot be served keeps the GPUs its running container holds, so nobody else is
/// handed them while that container still runs; the workspace is pending with the reason.</item>
/// <item>A workspace whose desired power is stopped requests nothing: its GPUs are free once it is observed stopped,
/// unless it is <paramref name="reserved"/> (its next start is near, see <see cref="GpuReservations"/>).</item>
/// </list>
/// The assignment is the <c>gpu</c> field of the spec, so an unchanged assignment leaves the hash alone and a
/// changed one recreates the container.
/// </summary>
public static class GpuPassAllocator
{
    /// <summary>The spec field that carries the assignment (the <c>dev.reconciler.gpu</c> label text).</summary>
    public const string Field = "gpu";

    public static GpuPassResult Allocate(
        IReadOnlyList<DesiredWorkspace> desired,
        IReadOnlyList<GpuHolder> holders,
        IReadOnlyList<GpuInventory> inventories,
        GpuAllocatorOptions? options = null,
        IReadOnlySet<WorkspaceKey>? reserved = null)
    {
        // A stopped holder whose workspace is reserved (GpuReservations) keeps its GPUs as if it ran.
        if (reserved is { Count: > 0 })
        {
            holders = [.. holders.Select(h => !h.Running && reserved.Contains(h.Key) ? h with { Running = true } : h)];
        }

        var wanting = desired.Where(d => d.Gpu is not null && d.Power == PowerState.Running).ToList();
        var wantingKeys = wanting.Select(d => d.Key).ToHashSet();
        var held = HeldByKey(holders);

        var kept = new List<GpuDemand>();
        var observed = new List<GpuAssignment>();
        foreach (var holder in holders.Where(h => h.Running && !wantingKeys.Contains(h.Key))
                     .OrderBy(h => h.Key.ToString(), StringComparer.Ordinal).ThenBy(h => h.Id, StringComparer.Ordinal))
        {
            var name = holder.Key + "#" + holder.Id;
            kept.Add(Keep(name, holder.Assignment));
            observed.Add(holder.Assignment with { Workspace = name });
        }

        var own = new List<GpuDemand>();
        foreach (var workspace in wanting)
        {
            var name = workspace.Key.ToString();
            own.Add(new GpuDemand(name, workspace.Gpu!.Request, GpuWorkloadState.Running, workspace.Spec.Host ?? HostedObservations.DefaultHost));
            if (held.TryGetValue(workspace.Key, out var holder))
            {
                observed.Add(holder.Assignment with { Workspace = name });
            }
        }

        var allocation = GpuAllocator.Allocate(inventories, observed, [.. kept, .. own], options);

        // A changed request that did not fit: its running container keeps its GPUs; allocate again so that nobody
        // else is handed them.
        var stuck = allocation.Pending
            .Select(p => wanting.Find(w => w.Key.ToString() == p.Workspace))
            .Where(w => w is not null && held.TryGetValue(w.Key, out var h) && h.Running)
            .Select(w => w!.Key.ToString())
            .ToHashSet(StringComparer.Ordinal);
        var first = allocation;
        if (stuck.Count > 0)
        {
            var demands = kept.Concat(own.Select(d => stuck.Contains(d.Workspace)
                ? Keep(d.Workspace, observed.First(o => o.Workspace == d.Workspace))
                : d)).ToList();
            allocation = GpuAllocator.Allocate(inventories, observed, demands, options);
        }

        var assigned = allocation.Assignments.ToDictionary(a => a.Workspace, StringComparer.Ordinal);
        var pending = allocation.Pending.ToDictionary(p => p.Workspace, StringComparer.Ordinal);
        foreach (var name in stuck)
        {
            pending[name] = first.Pending.First(p => p.Workspace == name);
        }

        var workspaces = desired.Select(d => WithGpu(d, held, assigned, pending, stuck)).ToList();
        var ownNames = wanting.Select(w => w.Key.ToString()).ToHashSet(StringComparer.Ordinal);
        return new GpuPassResult(
            workspaces,
            [.. allocation.Assignments.Where(a => ownNames.Contains(a.Workspace) && !stuck.Contains(a.Workspace))],
            [.. wanting.Select(w => w.Key.ToString()).Where(pending.ContainsKey).Select(n => pending[n])],
            allocation.Assignments);
    }

    /// <summary>The request an observed assignment was made for (no model: the GPUs it holds are the ones it matched).</summary>
    public static GpuRequest RequestOf(GpuAssignment assignment)
        => new(assignment.Mode, assignment.Gpus.Count, null, assignment.Profile, assignment.MemoryBytes, assignment.Replicas);

    /// <summary>The assignment's spec field, or the spec unchanged when there is none.</summary>
    public static DesiredWorkspace WithAssignment(DesiredWorkspace workspace, GpuAssignment? assignment)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in workspace.Fields)
        {
            fields[key] = value;
        }

        fields.Remove(Field);
        if (assignment is not null)
        {
            fields[Field] = GpuLabels.Format(assignment);
        }

        return workspace with { Fields = fields, SpecHash = SpecFields.Hash(fields) };
    }

    private static DesiredWorkspace WithGpu(
        DesiredWorkspace workspace,
        Dictionary<WorkspaceKey, GpuHolder> held,
        Dictionary<string, GpuAssignment> assigned,
        Dictionary<string, PendingGpuRequest> pending,
        HashSet<string> stuck)
    {
        if (workspace.Gpu is not { } gpu)
        {
            return workspace;
        }

        var name = workspace.Key.ToString();
        var observed = held.GetValueOrDefault(workspace.Key)?.Assignment;
        if (workspace.Power != PowerState.Running)
        {
            // Stopped: requests nothing; the container it has keeps its spec (a stop, not a recreate).
            return WithAssignment(workspace with { Gpu = gpu with { Assignment = observed, Pending = null } }, Own(observed, name));
        }

        var assignment = stuck.Contains(name) ? observed : assigned.GetValueOrDefault(name);
        var reason = pending.GetValueOrDefault(name)?.Reason;
        return WithAssignment(workspace with { Gpu = gpu with { Assignment = Own(assignment, name), Pending = reason } }, Own(assignment, name));
    }

    private static GpuAssignment? Own(GpuAssignment? assignment, string name) => assignment is null ? null : assignment with { Workspace = name };

    private static GpuDemand Keep(string name, GpuAssignment assignment)
        => new(name, RequestOf(assignment), GpuWorkloadState.Running, assignment.Host);

    /// <summary>One holder per workspace: a running one before a stopped one (duplicates left by a crash).</summary>
    private static Dictionary<WorkspaceKey, GpuHolder> HeldByKey(IReadOnlyList<GpuHolder> holders)
    {
        var byKey = new Dictionary<WorkspaceKey, GpuHolder>();
        foreach (var holder in holders.OrderByDescending(h => h.Running).ThenBy(h => h.Id, StringComparer.Ordinal))
        {
            byKey.TryAdd(holder.Key, holder);
        }

        return byKey;
    }
}
