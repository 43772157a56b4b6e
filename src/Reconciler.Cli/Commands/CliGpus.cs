using Reconciler.Cli.Hosting;
using Reconciler.Core.Desired;
using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Worker.Gpus;

namespace Reconciler.Cli.Commands;

/// <summary>
/// The GPU step of <c>plan</c> and <c>apply</c>, the same as the worker's: the inventory of each host (a
/// <c>--gpu-inventory</c> file, else the source the configuration names), the GPU holders of every repository on
/// every host (one list call each), then <see cref="GpuPassAllocator"/>. Without any GPU request nothing is read.
/// </summary>
internal static class CliGpus
{
    public static async Task<IReadOnlyList<DesiredWorkspace>> AllocateAsync(CliSession session, IReadOnlyList<DesiredWorkspace> desired, CancellationToken cancellationToken)
    {
        if (!desired.Any(d => d.Gpu is not null))
        {
            return desired;
        }

        if (session.GpuInventoryFiles.Keys.FirstOrDefault(h => !session.DockerHostNames.Contains(h)) is { } unknown)
        {
            throw new UsageException($"--gpu-inventory names host '{unknown}', which is not a configured Docker host");
        }

        var inventories = new List<GpuInventory>();
        var holders = new List<GpuHolder>();
        foreach (var host in session.DockerHostNames.Order(StringComparer.Ordinal))
        {
            var read = session.GpuInventoryFiles.TryGetValue(host, out var file)
                ? GpuInventoryReader.ReadFile(host, file)
                : session.Config.DockerHosts.GetValueOrDefault(host)?.Gpus is { } source
                    ? await GpuInventoryReader.ReadAsync(host, source, session.Docker(host), cancellationToken)
                    : (null, null, "");
            if (read.Inventory is not null)
            {
                inventories.Add(read.Inventory);
            }
            else if (read.Error is not null)
            {
                await session.Error.WriteLineAsync($"warning: the GPU inventory of host '{host}' could not be read from {read.From}: {read.Error}");
            }

            holders.AddRange(await session.Docker(host).ObserveGpuHoldersAsync(cancellationToken));
        }

        // libvirt hosts: declared GPUs; the holders are the managed domains whose metadata carries an assignment.
        foreach (var (host, libvirt) in session.Config.LibvirtHosts.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (libvirt.Gpus?.Declared is not null)
            {
                var read = await GpuInventoryReader.ReadAsync(host, libvirt.Gpus, null, cancellationToken);
                if (read.Inventory is not null)
                {
                    inventories.Add(read.Inventory);
                }

                holders.AddRange(await session.Runtimes.Vm(host)!.ObserveGpuHoldersAsync(cancellationToken));
            }
        }

        var options = new GpuAllocatorOptions { DefaultSharedReplicas = session.Config.Gpu.DefaultSharedReplicas };
        return GpuPassAllocator.Allocate(desired, holders, inventories, options).Workspaces;
    }
}
