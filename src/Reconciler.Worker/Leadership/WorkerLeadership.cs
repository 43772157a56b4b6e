using Microsoft.Extensions.Logging;
using Reconciler.Core.Configuration;
using Reconciler.Runtime.Kubernetes;
using Reconciler.Runtime.Kubernetes.Leadership;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Leadership;

/// <summary>
/// Whether this replica may change anything. Without <c>leaderElection</c> it always may; with it, only while its
/// <see cref="LeaderGate"/> holds the Lease (the gate turns false the moment renewal fails for the renew deadline).
/// </summary>
internal sealed class WorkerLeadership : IDisposable
{
    private WorkerLeadership(LeaderGate? gate, LeaderElectionConfig? config)
    {
        Gate = gate;
        Config = config;
    }

    /// <summary>Null without leader election.</summary>
    public LeaderGate? Gate { get; }

    public LeaderElectionConfig? Config { get; }

    public bool Enabled => Gate is not null;

    public bool IsLeader => Gate?.IsLeader ?? true;

    public string Identity => Gate?.Identity ?? Environment.MachineName;

    public static WorkerLeadership Create(WorkerSettings settings, ILoggerFactory loggers)
    {
        if (settings.Config.LeaderElection is not { } config)
        {
            return new WorkerLeadership(null, null);
        }

        var cluster = settings.Config.KubernetesClusters[config.Cluster];
        var directory = Path.GetDirectoryName(settings.ConfigPath) ?? Directory.GetCurrentDirectory();
        var identity = config.Identity
            ?? (Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName);
        var gate = new LeaderGate(
            KubernetesClusterConnection.ClientConfiguration(cluster, directory),
            config.Namespace,
            config.Name,
            identity,
            new LeaseTimings(config.LeaseDuration, config.RenewDeadline, config.RetryPeriod),
            loggers.CreateLogger<LeaderGate>());
        return new WorkerLeadership(gate, config);
    }

    public void Dispose() => Gate?.Dispose();
}
