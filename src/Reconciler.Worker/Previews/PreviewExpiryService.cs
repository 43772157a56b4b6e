using Microsoft.Extensions.Hosting;

namespace Reconciler.Worker.Previews;

/// <summary>
/// At start-up reads the expiry times an earlier run kept and removes the previews whose ttl passed meanwhile; then
/// every <see cref="Interval"/> removes the previews whose ttl passed.
/// </summary>
internal sealed class PreviewExpiryService(PreviewManager previews, PreviewExpiries expiries, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            await expiries.LoadAsync(stoppingToken);
            await previews.ExpireAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await previews.ExpireAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
