namespace Reconciler.Core.Configuration;

/// <summary>
/// <c>leaderElection</c>: the replicas of one worker campaign for a <c>coordination.k8s.io/v1</c> Lease on
/// <see cref="Cluster"/>; only the holder applies. <see cref="RenewDeadline"/> &lt; <see cref="LeaseDuration"/>, so a
/// leader that cannot renew stops applying before another replica may take the Lease.
/// </summary>
public sealed record LeaderElectionConfig
{
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultRenewDeadline = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromSeconds(2);

    /// <summary>A name under <c>runtimes.kubernetes</c>.</summary>
    public required string Cluster { get; init; }

    public string Namespace { get; init; } = "reconciler-system";

    public string Name { get; init; } = "reconciler";

    /// <summary>Null: the host resolves it (<c>POD_NAME</c>, else the machine name).</summary>
    public string? Identity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = DefaultLeaseDuration;

    public TimeSpan RenewDeadline { get; init; } = DefaultRenewDeadline;

    public TimeSpan RetryPeriod { get; init; } = DefaultRetryPeriod;
}
