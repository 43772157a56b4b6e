using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Reconciler.Runtime.Kubernetes.Leadership;

/// <summary>Lease timings: <see cref="RenewDeadline"/> &lt; <see cref="LeaseDuration"/>, so a leader that cannot renew gives up before anyone else may take the lease.</summary>
public sealed record LeaseTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    public static LeaseTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}

/// <summary>
/// Lease-based leader election among worker replicas (KubernetesClient's <see cref="LeaderElector"/> on a
/// <c>coordination.k8s.io/v1</c> Lease). <see cref="IsLeader"/> turns false the moment the elector stops leading (renewal
/// failed for <see cref="LeaseTimings.RenewDeadline"/>), which is before the lease expires for the others.
/// </summary>
public sealed class LeaderGate : IDisposable
{
    private readonly k8s.Kubernetes _client;
    private readonly LeaderElector _elector;
    private readonly ILogger _logger;
    private int _leading;

    public LeaderGate(KubernetesClientConfiguration configuration, string leaseNamespace, string leaseName, string identity, LeaseTimings timings, ILogger<LeaderGate> logger)
    {
        ArgumentNullException.ThrowIfNull(timings);
        _client = new k8s.Kubernetes(configuration);
        _logger = logger;
        Identity = identity;
        _elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(_client, leaseNamespace, leaseName, identity))
        {
            LeaseDuration = timings.LeaseDuration,
            RenewDeadline = timings.RenewDeadline,
            RetryPeriod = timings.RetryPeriod,
        });
        _elector.OnStartedLeading += () =>
        {
            Volatile.Write(ref _leading, 1);
            Log.StartedLeading(_logger, Identity);
            StartedLeading?.Invoke();
        };
        _elector.OnStoppedLeading += () =>
        {
            Volatile.Write(ref _leading, 0);
            Log.StoppedLeading(_logger, Identity);
        };
    }

    public string Identity { get; }

    /// <summary>Raised on the elector's thread when this replica takes the Lease (e.g. to enqueue every key at once).</summary>
    public event Action? StartedLeading;

    /// <summary>Only the leader applies.</summary>
    public bool IsLeader => Volatile.Read(ref _leading) == 1;

    /// <summary>Campaigns, leads and campaigns again after losing the lease, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Volatile.Write(ref _leading, 0);
        }
    }

    public void Dispose()
    {
        _elector.Dispose();
        _client.Dispose();
    }
}
