using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Hosting;

/// <summary>
/// Runs the reconcile loop for the host's lifetime: start-up is a resync (every repository is enqueued), then a
/// resync every interval for drift repair. Stopping stops the resync, then the loop with the configured timeout.
/// </summary>
internal sealed partial class ReconcileLoopService(
    WorkQueue queue,
    ReconcileLoop loop,
    RepositoryRegistry repositories,
    WorkerSettings settings,
    TimeProvider time,
    ILogger<ReconcileLoopService> logger) : IHostedService, IDisposable
{
    private Resync? _resync;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        loop.Start();
        _resync = new Resync(
            queue,
            () => repositories.Keys,
            time,
            Random.Shared.NextDouble,
            settings.Config.Worker.ResyncInterval,
            onError: e => ResyncFailed(logger, e));
        _resync.Start();
        Started(logger, repositories.All.Count, settings.Config.Worker.Concurrency, settings.Config.Worker.ResyncInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _resync?.Dispose();
        var timeout = settings.Config.Worker.ShutdownTimeout;
        Stopping(logger, timeout);
        try
        {
            if (await loop.StopAsync(timeout, cancellationToken))
            {
                Stopped(logger);
            }
            else
            {
                Abandoned(logger, timeout);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandoned(logger, timeout);
        }
    }

    public void Dispose() => _resync?.Dispose();

    [LoggerMessage(EventId = 5060, Level = LogLevel.Information, Message = "Reconciling {Repositories} repositories with {Concurrency} workers; resync every {ResyncInterval}")]
    private static partial void Started(ILogger logger, int repositories, int concurrency, TimeSpan resyncInterval);

    [LoggerMessage(EventId = 5061, Level = LogLevel.Information, Message = "Stopping: waiting up to {Timeout} for reconciles in flight")]
    private static partial void Stopping(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 5062, Level = LogLevel.Information, Message = "Stopped; every reconcile in flight finished")]
    private static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 5063, Level = LogLevel.Warning, Message = "Stopped after {Timeout}; reconciles still in flight were cancelled and are recomputed at the next start")]
    private static partial void Abandoned(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 5064, Level = LogLevel.Error, Message = "Resync failed")]
    private static partial void ResyncFailed(ILogger logger, Exception error);
}
