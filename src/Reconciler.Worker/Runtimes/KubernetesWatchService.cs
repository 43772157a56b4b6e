using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Runtime.Kubernetes;
using Reconciler.Runtime.Kubernetes.Observation;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Runtimes;

/// <summary>
/// Watches the managed workloads and Pods of every configured cluster for the host's lifetime; a change to an object of a
/// tracked repository enqueues that repository (a trigger only: the pass re-reads everything). So a Pod turning ready,
/// failing to pull or being evicted reaches the workspace status without waiting for the poll interval. Followers watch
/// too: they keep their status current and are ready to take over.
/// </summary>
internal sealed class KubernetesWatchService(
    WorkerSettings settings, WorkQueue queue, RepositoryRegistry repositories, TimeProvider time, ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _watches = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(settings.ConfigPath) ?? Directory.GetCurrentDirectory();
        var logger = loggers.CreateLogger<KubernetesWatchService>();
        foreach (var (host, cluster) in settings.Config.KubernetesClusters)
        {
            var watcher = new WorkloadWatcher(KubernetesClusterConnection.ClientConfiguration(cluster, directory), time, loggers.CreateLogger<WorkloadWatcher>());
            Leadership.Log.Watching(logger, host);
            _watches.Add(Task.Run(
                () => watcher.RunAsync(
                    key =>
                    {
                        if (repositories.Find(key.Repository) is { } repository)
                        {
                            Leadership.Log.WatchEnqueued(logger, host, key.Repository, key.Workspace);
                            queue.Add(repository.Key);
                        }
                    },
                    _stop.Token),
                CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches).WaitAsync(cancellationToken);
    }

    public void Dispose() => _stop.Dispose();
}
