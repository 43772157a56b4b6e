using Microsoft.Extensions.Logging;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker;
using Reconciler.Runtime.Kubernetes;
using Reconciler.Runtime.Kubernetes.Leadership;
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
    private readonly LeaderGate? _leader;

    /// <summary>One client per <c>storage.s3</c> endpoint, shared by the Docker runtimes.</summary>
    private readonly Dictionary<string, ObjectStorage.S3.S3ObjectStore> _objectStores = new(StringComparer.Ordinal);

    /// <param name="secrets">Generated access secrets; null when no secrets key is configured (access.jupyter, vnc and rdp then fail with SecretsKeyMissing).</param>
    /// <param name="leader">With leader election: every runtime applies only while this gate holds the Lease.</param>
    public RuntimeSet(WorkerSettings settings, ILoggerFactory loggers, Access.AccessSecrets? secrets = null, LeaderGate? leader = null)
        : this(settings.Config, settings.DockerEndpoints, Path.GetDirectoryName(settings.ConfigPath) ?? Directory.GetCurrentDirectory(), loggers, secrets, leader, settings.Storage, settings.GitHub)
    {
    }

    /// <summary>
    /// The same set from a configuration alone (the CLI: no database, no secrets); <paramref name="configDirectory"/>
    /// resolves the relative directories of libvirt hosts and kubeconfig files. <paramref name="storage"/> carries the
    /// resolved storage credentials and S3 endpoints (none in the CLI).
    /// </summary>
    public RuntimeSet(
        Core.Configuration.ReconcilerConfig config,
        IReadOnlyDictionary<string, string> dockerEndpoints,
        string configDirectory,
        ILoggerFactory loggers,
        Access.AccessSecrets? secrets = null,
        LeaderGate? leader = null,
        StorageSecrets? storage = null,
        GitHub.Checks.GitHubReportingOptions? github = null)
    {
        _leader = leader;
        storage ??= StorageSecrets.None;
        foreach (var (name, endpoint) in storage.S3Endpoints)
        {
            _objectStores[name] = new ObjectStorage.S3.S3ObjectStore(endpoint);
        }

        var githubKeys = config.Access.GitHubLogins.Count == 0 ? null : new GitHub.Keys.GitHubPublicKeys(github, TimeProvider.System);
        var objectStores = _objectStores.ToDictionary(s => s.Key, s => (IObjectStore)s.Value, StringComparer.Ordinal);
        foreach (var (host, endpoint) in dockerEndpoints)
        {
            _runtimes[host] = new DockerWorkspaceRuntime(endpoint, new DockerRuntimeOptions
            {
                HostName = host,
                PortRange = config.DockerHosts.TryGetValue(host, out var configured) ? configured.PortRange : Core.Access.HostPortRange.Default,
                SecretEnvironment = secrets is null ? null : secrets.EnvironmentAsync,
                SshAuthorizedKeys = new Access.OwnerSshKeys(config.Access, githubKeys, loggers.CreateLogger<Access.OwnerSshKeys>()).ForAsync,
                StorageCredentials = storage.Credentials,
                ObjectStores = objectStores,
                Snapshots = SnapshotRegistrySettings.From(config.Snapshots, configDirectory),
                RegistryCredentials = storage.FeatureRegistries,
            }, loggers.CreateLogger<DockerWorkspaceRuntime>());
        }

        var directory = configDirectory;
        foreach (var (host, libvirt) in config.LibvirtHosts)
        {
            var options = LibvirtHosts.Options(host, libvirt, directory);
            options.StepCompleted = StepPauseHook.FromEnvironment(host, loggers.CreateLogger<RuntimeSet>());
            options.RdpPassword = secrets is null ? null : secrets.RdpPasswordAsync;
            _vms[host] = new LibvirtWorkspaceRuntime(options, loggers.CreateLogger<LibvirtWorkspaceRuntime>());
        }

        foreach (var (host, cluster) in config.KubernetesClusters)
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

    /// <summary>
    /// The runtime (Docker, libvirt or Kubernetes) a plan action for <paramref name="host"/> is applied through; with
    /// leader election wrapped so that a replica not holding the Lease changes nothing (reason <c>NotLeader</c>).
    /// </summary>
    public IWorkspaceRuntime Runtime(string host)
    {
        IWorkspaceRuntime runtime = _vms.TryGetValue(host, out var vm) ? vm : _clusters.TryGetValue(host, out var cluster) ? cluster : _runtimes[host];
        return _leader is null ? runtime : new LeaderOnlyRuntime(runtime, _leader);
    }

    /// <summary>The Kubernetes runtime of a host, or null when the host is not a cluster.</summary>
    public KubernetesWorkspaceRuntime? Cluster(string host) => _clusters.GetValueOrDefault(host);

    public IReadOnlySet<string> HostNames => _runtimes.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Calls that changed a host, summed over the Docker and libvirt runtimes (the CLI's no-op check).</summary>
    public long MutatingCalls => _runtimes.Values.Sum(r => r.MutatingCalls) + _vms.Values.Sum(r => r.MutatingCalls);

    public DockerWorkspaceRuntime this[string host] => _runtimes[host];

    /// <summary>The managed objects of one repository on every host (one list call each), with the host of each.</summary>
    public Task<HostedObservations> ObserveAsync(string repository, CancellationToken cancellationToken)
        => HostedObservations.ObserveAsync(All(), repository, cancellationToken);

    /// <summary>
    /// After a pass's apply: where each running workspace on a Kubernetes cluster stands (its Pod ready, or why not),
    /// with lifecycle commands run on ready Pods when <paramref name="mayChange"/> (the leader). One Pod list per cluster
    /// that runs any of them. A cluster that does not answer contributes nothing: the pass's own result stands.
    /// </summary>
    public async Task<IReadOnlyDictionary<Core.Desired.WorkspaceKey, WorkspaceSettlement>> SettleAsync(
        string repository, IReadOnlyList<Core.Desired.DesiredWorkspace> desired, bool mayChange, ILogger logger, CancellationToken cancellationToken)
    {
        var settled = new Dictionary<Core.Desired.WorkspaceKey, WorkspaceSettlement>();
        foreach (var (host, cluster) in _clusters)
        {
            var running = desired
                .Where(d => (d.Spec.Host ?? HostedObservations.DefaultHost) == host && d.Power == Core.Desired.PowerState.Running && !d.Expired
                            && d.Spec.Deployment is Core.Workspaces.DeploymentKind.K8sPod or Core.Workspaces.DeploymentKind.K8sStateful)
                .ToList();
            try
            {
                foreach (var settlement in await cluster.SettleAsync(repository, running, mayChange, cancellationToken))
                {
                    settled[settlement.Key] = settlement;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Leadership.Log.SettleFailed(logger, host, e.Message);
            }
        }

        return settled;
    }

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

        foreach (var store in _objectStores.Values)
        {
            store.Dispose();
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

    /// <summary>Every runtime with its host name: Docker endpoints, then libvirt hosts, then Kubernetes clusters.</summary>
    public IEnumerable<KeyValuePair<string, IWorkspaceRuntime>> All()
        => _runtimes.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value))
            .Concat(_vms.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value)))
            .Concat(_clusters.Select(p => KeyValuePair.Create(p.Key, (IWorkspaceRuntime)p.Value)));
}
