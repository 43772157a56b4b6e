using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Power;

/// <summary>
/// The lifecycle step of a pass, between observe and plan: probes activity of running workspaces that have an idle
/// timeout, reads the recorded overrides and activity, resolves each workspace's power (pure, <see cref="PowerResolver"/>),
/// records expiries and the decisions for the status API, and re-derives the repository's boundary triggers.
/// Its only output for later steps is <see cref="DesiredWorkspace.Power"/> (and the decision beside it).
/// </summary>
internal sealed class PowerStep(
    IPowerRecordStore records,
    RuntimeSet runtimes,
    IBoundaryScheduler scheduler,
    TimeProvider time,
    ILogger<PowerStep> logger)
{
    public async Task<IReadOnlyList<DesiredWorkspace>> ResolveAsync(
        string repository, IReadOnlyList<DesiredWorkspace> desired, HostedObservations hosts, CancellationToken cancellationToken)
    {
        var recorded = new Dictionary<WorkspaceKey, PowerRecord>(await records.ListAsync(repository, cancellationToken));
        var now = time.GetUtcNow();
        foreach (var key in await ProbeAsync(desired, hosts, cancellationToken))
        {
            await records.RecordActivityAsync(key, now, cancellationToken);
            recorded[key] = (recorded.GetValueOrDefault(key) ?? PowerRecord.None) with { LastActivityAt = now };
        }

        var resolved = PowerResolver.Resolve(desired, hosts.Observed, recorded, now);
        foreach (var expired in resolved.Where(w => w.Expired && recorded.GetValueOrDefault(w.Key)?.ExpiredAt is null))
        {
            await records.MarkExpiredAsync(expired.Key, now, cancellationToken);
        }

        await records.SavePowerStatusesAsync(repository, [.. resolved.Select(w => PowerStatusText.From(w, w.PowerDecision!, now))], cancellationToken);
        var boundaries = resolved.Where(w => w.PowerDecision?.Next is not null).ToDictionary(w => w.Key, w => w.PowerDecision!.Next!.At);
        try
        {
            await scheduler.SyncAsync(repository, boundaries, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The power state is right at every pass whatever the triggers say; a missed trigger only delays it to the next poll.
            Log.SchedulingFailed(logger, e.Message);
        }

        return resolved;
    }

    /// <summary>Keys of running workspaces with an idle timeout that a runtime reports in use now.</summary>
    private async Task<IReadOnlyList<WorkspaceKey>> ProbeAsync(IReadOnlyList<DesiredWorkspace> desired, HostedObservations hosts, CancellationToken cancellationToken)
    {
        var idleable = desired.Where(HasIdleTimeout).Select(d => d.Key).ToHashSet();
        var running = hosts.Observed.Where(o => o.State == ObservedState.Running && idleable.Contains(o.Key)).ToList();
        var active = new List<WorkspaceKey>();
        foreach (var group in running.GroupBy(o => hosts.HostOf[o.Id]))
        {
            IActivityProbe? probe = runtimes.HostNames.Contains(group.Key) ? runtimes[group.Key].Activity : runtimes.Vm(group.Key)?.Activity;
            if (probe is null)
            {
                continue;
            }

            var answers = await probe.ProbeAsync([.. group], cancellationToken);
            foreach (var observation in group.Where(o => answers.ContainsKey(o.Id)))
            {
                Log.Active(logger, observation.Key.Workspace, answers[observation.Id]);
                active.Add(observation.Key);
            }
        }

        return active;
    }

    private static bool HasIdleTimeout(DesiredWorkspace workspace)
        => workspace.Spec.Lifecycle.IdleTimeout is not null || workspace.Spec.Lifecycle.Policy == Core.Workspaces.LifecyclePolicy.OnDemand;
}
