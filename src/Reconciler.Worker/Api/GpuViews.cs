using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Workspaces;
using Reconciler.Worker.Gpus;

namespace Reconciler.Worker.Api;

/// <summary>A workspace's GPUs in <c>GET /api/workspaces</c>: what it holds, or why it waits.</summary>
internal sealed record WorkspaceGpuView(string? Host, string? Mode, IReadOnlyList<string> Devices, string? Pending)
{
    public static WorkspaceGpuView? For(WorkspaceKey key, GpuLedger ledger)
    {
        var (holders, pending) = ledger.Snapshot();
        var held = holders.FirstOrDefault(h => h.Key == key).Assignment;
        var waiting = pending.FirstOrDefault(p => p.Key == key)?.Request.Reason;
        return held is null && waiting is null
            ? null
            : new WorkspaceGpuView(held?.Host, held is null ? null : WorkspaceVocabulary.ToYaml(held.Mode), DevicesOf(held), waiting);
    }

    public static IReadOnlyList<string> DevicesOf(GpuAssignment? assignment)
        => assignment is null ? [] : [.. assignment.Gpus.Select(g => g.MigInstanceUuid ?? (g.MigInstanceId is { } id ? $"{g.DeviceUuid}/{id}" : g.DeviceUuid))];
}

/// <summary>
/// <c>GET /api/gpus</c>: per host, each GPU with its holders, the free MIG instances per profile and the requests
/// waiting for it. A team caller sees the names of its own team's holders and pending workspaces only; other holders
/// are shown as <c>(another team)</c>, so that free capacity still adds up.
/// </summary>
internal sealed record GpuHostApiView(
    string Host,
    string Source,
    DateTimeOffset? ReadAt,
    string? Error,
    IReadOnlyList<GpuDeviceApiView> Gpus,
    IReadOnlyDictionary<string, int> FreeMigProfiles,
    IReadOnlyList<PendingGpuApiView> Pending);

internal sealed record GpuDeviceApiView(int Index, string Uuid, string Name, long MemoryMiB, bool Mig, string Mode, bool Free, IReadOnlyList<string> Holders);

internal sealed record PendingGpuApiView(string Repository, string Workspace, string Mode, int Count, string Reason);

internal static class GpuApiViews
{
    public const string OtherTeam = "(another team)";

    public static List<GpuHostApiView> Build(GpuInventories inventories, GpuLedger ledger, Func<WorkspaceKey, bool> canSee)
    {
        var (holders, pending) = ledger.Snapshot();
        var names = holders.ToDictionary(h => h.Assignment.Workspace, h => canSee(h.Key) ? h.Key.ToString() : OtherTeam, StringComparer.Ordinal);
        var views = new List<GpuHostApiView>();
        foreach (var state in inventories.States)
        {
            var host = state.Inventory is { } inventory ? GpuHostView.Build(inventory, [.. holders.Select(h => h.Assignment)]) : null;
            views.Add(new GpuHostApiView(
                state.Host,
                state.Source.ToString().ToLowerInvariant(),
                state.ReadAt,
                state.Error,
                [.. (host?.Devices ?? []).Select(d => new GpuDeviceApiView(
                    d.Index, d.Uuid, d.Name, d.MemoryMiB, d.Mig, WorkspaceVocabulary.ToYaml(d.Mode), d.IsFree,
                    [.. d.Holders.Select(h => names.GetValueOrDefault(h, OtherTeam))]))],
                host?.FreeMigProfiles ?? new Dictionary<string, int>(),
                [.. pending.Where(p => canSee(p.Key) && (p.Pinned is null || p.Pinned == state.Host))
                    .Select(p => new PendingGpuApiView(p.Key.Repository, p.Key.Workspace, WorkspaceVocabulary.ToYaml(p.Request.Request.Mode), p.Request.Request.Count, p.Request.Reason))]));
        }

        return views;
    }
}
