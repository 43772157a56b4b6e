using Reconciler.Cli.Hosting;
using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;

namespace Reconciler.Cli.Commands;

/// <summary>A plan for one repository across every configured host (Docker, libvirt, Kubernetes), and where each observed object is.</summary>
internal sealed record RepositoryPlan(LoadedRepository Loaded, Plan Plan, HostedObservations Hosts);

internal static class RepositoryPlanning
{
    /// <summary>Observes each configured host once (one list call each) and plans. Desired may be empty (down).</summary>
    public static async Task<RepositoryPlan> PlanAsync(
        CliSession session, LoadedRepository loaded, IReadOnlyList<DesiredWorkspace> desired, bool pruneVolumes, CancellationToken cancellationToken)
    {
        var hosts = await HostedObservations.ObserveAsync(session.Runtimes.All(), loaded.Repository, cancellationToken);
        // No database here: the calendar and the observed creation time decide power (no overrides, no activity).
        var powered = PowerResolver.Resolve(desired, hosts.Observed, null, TimeProvider.System.GetUtcNow());
        var placed = await CliGpus.AllocateAsync(session, powered, cancellationToken);
        return new RepositoryPlan(loaded, HostMoves.Plan(placed, hosts, pruneVolumes), hosts);
    }
}
