using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Leadership;

/// <summary>
/// Campaigns for the Lease for the host's lifetime. Taking the Lease enqueues every repository, so a new leader
/// converges what the old one left at once instead of at the next poll. Stopping ends the campaign without releasing
/// the Lease: the next replica takes it when it expires (as after a crash).
/// </summary>
internal sealed class LeaderElectionService(WorkerLeadership leadership, WorkQueue queue, RepositoryRegistry repositories, ILogger<LeaderElectionService> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _campaign = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (leadership is not { Gate: { } gate, Config: { } config })
        {
            return Task.CompletedTask;
        }

        gate.StartedLeading += OnStartedLeading;
        Log.Campaigning(logger, config.Cluster, config.Namespace, config.Name, gate.Identity);
        _campaign = Task.Run(() => gate.RunAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _campaign.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stop.Dispose();

    private void OnStartedLeading()
    {
        var keys = repositories.Keys.ToList();
        foreach (var key in keys)
        {
            queue.Add(key);
        }

        Log.Leading(logger, keys.Count);
    }
}
