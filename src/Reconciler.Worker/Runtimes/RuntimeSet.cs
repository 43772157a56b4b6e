using Microsoft.Extensions.Logging;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker;
using Reconciler.Runtime.Kubernetes;
using Reconciler.Runtime.Libvirt;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Runtimes;

/// <summary>
/// One runtime per configured host name, for the process lifetime: a <see cref="DockerWorkspaceRuntime"/> per Docker
/// endpoint, a <see cref="LibvirtWorkspaceRuntime"/> per libvirt host and a <see cref="KubernetesWorkspaceRuntime"/> per
/// Kubernetes cluster (a cluster named like the implicit default Docker endpoint takes its place).
/// </summary>
internal sealed class RuntimeSet : IDisposable
{
    /// <summary>A repository label no workspace carries: observing it is one cheap list call that proves the engine answers.</summary>
    private const string ProbeRepository = "reconciler.invalid/readiness-probe";

    private readonly SortedDictionary<string, DockerWorkspaceRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, LibvirtWorkspaceRuntime> _vms = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, KubernetesWorkspaceRuntime> _clusters = new(StringComparer.Ordinal);

    /// <param name="secrets">Generated access secrets; null when no secrets key is configured (access.jupyter, vnc and rdp then fail with SecretsKeyMissing).</param>
    public RuntimeSet(WorkerSettings settings, ILoggerFactory loggers, Access.AccessSecrets? secrets = null)
    {
        foreach (var (host, endpoint) in settings.DockerEndpoints)
        {
            _runtimes[host] = new DockerWorkspaceRuntime(endpoint, new DockerRuntimeOptions
            {
                HostName = host,
                PortRange = settings.Config.DockerHosts.TryGetValue(host, out var configured) ? configured.PortRange : Core.Access.HostPortRange.Default,
                SecretEnvironment = secrets is null ? null : secrets.EnvironmentAsync,
                SshAuthorizedKeys = new Access.OwnerSshKeys(settings.Config.Access).ForAsync,
            }, loggers.CreateLogger<DockerWorkspaceRuntime>());
        }

        var directory = Path.GetDirectoryName(settings.ConfigPath) ?? Directory.GetCurrentDirectory();
        foreach (var (host, config) in settings.Config.LibvirtHosts)
        {
            _vms[host] = new LibvirtWorkspaceRuntime(LibvirtHosts.Options(host, config, directory), loggers.CreateLogger<LibvirtWorkspaceRuntime>());
        }

        foreach (var (host, cluster) in settings.Config.KubernetesClusters)
        {
            if (_runtimes.Remove(host, out var replaced))
            {
                replaced.Dispose();
            }

            _clusters[host] = new KubernetesWorkspaceRuntime(
                KubernetesClusterConnection.ClientConfiguration(cluster, directory),
                KubernetesClusterConnection.RuntimeOptions(cluster),
                loggers.CreateLogger<KubernetesWorkspaceRuntime>());
        }
    }

    /// <summary>The host names that are Kubernetes clusters.</summary>
    public IReadOnlySet<string> KubernetesHostNames => _clusters.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Names of the libvirt hosts (<c>deployment: vm</c>).</summary>
    public IReadOnlySet<string> VmHostNames => _vms.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The libvirt runtime of a host, or null when the host is not a libvirt host.</summary>
    public LibvirtWorkspaceRuntime? Vm(string host) => _vms.GetValueOrDefault(host);

    /// <summary>The runtime (Docker, libvirt or Kubernetes) a plan action for <paramref name="host"/> is applied through.</summary>
    public IWorkspaceRuntime Runtime(string host)
        => _vms.TryGetValue(host, out var vm) ? vm : _clusters.TryGetValue(host, out var cluster) ? cluster : _runtimes[host];

    public IReadOnlySet<string> HostNames => _runtimes.Keys.ToHashSet(StringComparer.Ordinal);

    public DockerWorkspaceRuntime this[string host] => _runtimes[host];

    /// <summary>The managed objects of one repository on every host (one list call each), with the host of each.</summary>
    public Task<HostedObservations> ObserveAsync(string repository, CancellationToken cancellationToken)
        => HostedObservations.ObserveAsync(All(), repository, cancellationToken);

    /// <summary>Host names whose engine did not answer (readiness).</summary>
    public async Task<IReadOnlyList<string>> UnreachableAsync(CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var (host, runtime) in All())
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
        foreach (var runtime in _runtimes.Values)
        {
            runtime.Dispose();
        }

        foreach (var runtime in _vms.Values)
        {
            runtime.Dispose();
        }

        foreach (var runtime in _clusters.Values.OfType<IDisposable>())
        {
            runtime.Dispose();
        }
    }

    private IEnumerable<KeyValuePair<string, IWorkspaceRuntime>> All()
        => _runtimes.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value))
            .Concat(_vms.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value)))
            .Concat(_clusters.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value)));
}
