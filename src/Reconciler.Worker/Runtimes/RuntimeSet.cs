using Microsoft.Extensions.Logging;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker;
using Reconciler.Runtime.Kubernetes;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Runtimes;

/// <summary>
/// One runtime per configured host name, for the process lifetime: a <see cref="DockerWorkspaceRuntime"/> per Docker
/// endpoint and a <see cref="KubernetesWorkspaceRuntime"/> per Kubernetes cluster.
/// </summary>
internal sealed class RuntimeSet : IDisposable
{
    /// <summary>A repository label no workspace carries: observing it is one cheap list call that proves the engine answers.</summary>
    private const string ProbeRepository = "reconciler.invalid/readiness-probe";

    private readonly SortedDictionary<string, IWorkspaceRuntime> _runtimes = new(StringComparer.Ordinal);

    public RuntimeSet(WorkerSettings settings, ILoggerFactory loggers)
    {
        foreach (var (host, endpoint) in settings.DockerEndpoints)
        {
            _runtimes[host] = new DockerWorkspaceRuntime(endpoint, new DockerRuntimeOptions(), loggers.CreateLogger<DockerWorkspaceRuntime>());
        }

        var baseDirectory = Path.GetDirectoryName(settings.ConfigPath) ?? ".";
        foreach (var (host, cluster) in settings.Config.KubernetesClusters)
        {
            // A cluster named "default" takes the place of the implicit default Docker endpoint.
            _runtimes[host] = new KubernetesWorkspaceRuntime(
                KubernetesClusterConnection.ClientConfiguration(cluster, baseDirectory),
                KubernetesClusterConnection.RuntimeOptions(cluster),
                loggers.CreateLogger<KubernetesWorkspaceRuntime>());
            KubernetesHostNames.Add(host);
        }
    }

    /// <summary>The host names that are Kubernetes clusters.</summary>
    public HashSet<string> KubernetesHostNames { get; } = new(StringComparer.Ordinal);

    public IReadOnlySet<string> HostNames => _runtimes.Keys.ToHashSet(StringComparer.Ordinal);

    public IWorkspaceRuntime this[string host] => _runtimes[host];

    /// <summary>The managed objects of one repository on every host (one list call each), with the host of each.</summary>
    public Task<HostedObservations> ObserveAsync(string repository, CancellationToken cancellationToken)
        => HostedObservations.ObserveAsync(_runtimes, repository, cancellationToken);

    /// <summary>Host names whose engine did not answer (readiness).</summary>
    public async Task<IReadOnlyList<string>> UnreachableAsync(CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var (host, runtime) in _runtimes)
        {
            try
            {
                await runtime.ObserveAsync(ProbeRepository, cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add(host);
            }
        }

        return failed;
    }

    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values.OfType<IDisposable>())
        {
            runtime.Dispose();
        }
    }
}
