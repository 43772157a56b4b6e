using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Workspaces;
using Reconciler.Worker.Gpus;

namespace Reconciler.Worker.Metrics;

/// <summary>
/// GPU gauges at scrape time, from the cached inventories and the last allocation: per host and model, GPUs in
/// total, free (no holder) and assigned by mode (exclusive, shared, mig, vgpu), and pending requests. A GPU with
/// any holder counts as assigned in its holders' mode, even if a shared or MIG GPU still has room.
/// </summary>
internal static class GpuMetrics
{
    private static readonly GpuMode[] Modes = [GpuMode.Exclusive, GpuMode.Shared, GpuMode.Mig, GpuMode.Vgpu];

    public static void WriteTo(PrometheusWriter writer, GpuInventories inventories, GpuLedger ledger)
    {
        var (holders, pending) = ledger.Snapshot();
        var assignments = holders.Select(h => h.Assignment).ToList();
        var devices = inventories.States
            .Where(s => s.Inventory is not null)
            .SelectMany(s => GpuHostView.Build(s.Inventory!, assignments).Devices.Select(d => (s.Host, Device: d)))
            .ToList();

        writer.Family("reconciler_gpus_total", "gauge", "GPUs in the inventory, by host and model.");
        writer.Family("reconciler_gpus_free", "gauge", "GPUs no workspace holds, by host and model.");
        writer.Family("reconciler_gpus_assigned", "gauge", "GPUs held by at least one workspace, by host, model and mode.");
        foreach (var group in devices.GroupBy(d => (d.Host, d.Device.Name)).OrderBy(g => g.Key.Host, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var labels = new[] { ("host", group.Key.Host), ("model", group.Key.Name) };
            writer.Sample("reconciler_gpus_total", group.Count(), labels);
            writer.Sample("reconciler_gpus_free", group.Count(d => d.Device.IsFree), labels);
            foreach (var mode in Modes)
            {
                writer.Sample("reconciler_gpus_assigned", group.Count(d => !d.Device.IsFree && d.Device.Mode == mode),
                    [.. labels, ("mode", WorkspaceVocabulary.ToYaml(mode))]);
            }
        }

        writer.Family("reconciler_gpu_requests_pending", "gauge", "Workspaces waiting for GPUs (required requests).");
        writer.Sample("reconciler_gpu_requests_pending", pending.Count(p => !p.Request.Request.Optional));
    }
}
