using Microsoft.Extensions.Hosting;

namespace Reconciler.Worker.Gpus;

/// <summary>Reads every host's GPU inventory once at start-up, in the background (a slow probe never delays start-up).</summary>
internal sealed class GpuInventoryWarmup(GpuInventories inventories) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (inventories.Any)
        {
            await inventories.RefreshAsync(force: false, stoppingToken);
        }
    }
}
