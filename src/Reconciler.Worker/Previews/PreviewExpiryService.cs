using Microsoft.Extensions.Hosting;

namespace Reconciler.Worker.Previews;

/// <summary>Every <see cref="Interval"/>, removes the previews whose ttl passed.</summary>
internal sealed class PreviewExpiryService(PreviewManager previews, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
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
