using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Gpu.Allocation;

/// <summary>
/// Why a request was not served, in one line a person can act on: which host or GPU kind is missing,
/// or how many units it needs on one host and how many the best host has free.
/// </summary>
internal static class PendingReason
{
    public static string Explain(IReadOnlyList<HostLedger> hosts, GpuDemand demand)
    {
        var request = demand.Request;
        var candidates = hosts.Where(h => demand.Host is null || h.Host == demand.Host).ToList();
        if (candidates.Count == 0)
        {
            return demand.Host is null ? "no host has a GPU inventory" : $"host '{demand.Host}' has no GPU inventory";
        }

        var devices = candidates.SelectMany(h => h.Devices).ToList();
        if (request.Model is not null && !devices.Any(d => d.Device.Name.Contains(request.Model, StringComparison.OrdinalIgnoreCase)))
        {
            return $"no GPU matches model '{request.Model}'";
        }

        if (!devices.Any(d => d.Matches(request)))
        {
            return request.Mode == GpuMode.Mig
                ? "no GPU with MIG enabled" + ModelSuffix(request.Model) + " (a GPU whose MIG mode change waits for a reset takes nothing new)"
                : "every GPU" + ModelSuffix(request.Model) + " has MIG enabled or a MIG mode change pending";
        }

        if (request.Mode == GpuMode.Mig && !devices.Any(d => d.Matches(request) && d.Device.MigProfiles.Any(p => Same(p.Name, request.Profile))))
        {
            return $"no MIG-enabled GPU offers profile '{request.Profile}'";
        }

        if (request.Mode == GpuMode.Vgpu && !devices.Any(d => d.Matches(request) && d.Device.VgpuProfiles.Any(p => Same(p.Name, request.Profile))))
        {
            return $"no GPU offers vGPU type '{request.Profile}'";
        }

        var free = 0;
        foreach (var host in candidates)
        {
            var taken = host.Place(demand.Workspace, request, request.Count);
            free = Math.Max(free, taken.Count);
            host.Rollback(taken);
        }

        return $"needs {request.Count} × {Unit(request)} on one host; free: {free}";
    }

    private static string Unit(Requests.GpuRequest request) => request.Mode switch
    {
        GpuMode.Mig => $"MIG {request.Profile}" + ModelSuffix(request.Model),
        GpuMode.Vgpu => $"vGPU {request.Profile}" + ModelSuffix(request.Model),
        GpuMode.Shared => $"shared slot on {request.Model ?? "a GPU"}",
        _ => request.Model ?? "GPU",
    };

    private static string ModelSuffix(string? model) => model is null ? "" : $" ({model})";

    private static bool Same(string a, string? b)
        => b is not null && string.Equals(Inventory.MigProfileName.Normalize(a), Inventory.MigProfileName.Normalize(b), StringComparison.OrdinalIgnoreCase);
}
