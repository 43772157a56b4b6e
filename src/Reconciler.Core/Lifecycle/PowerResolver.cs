using Reconciler.Core.Desired;
using Reconciler.Core.Planning;

namespace Reconciler.Core.Lifecycle;

/// <summary>
/// Pure pass step between observe and plan: sets each desired workspace's <see cref="DesiredWorkspace.Power"/> (and
/// <see cref="DesiredWorkspace.PowerDecision"/>) from its lifecycle, the observed creation time, the recorded
/// overrides and activity, and the instant. Power is the single output later steps read (the planner turns it into
/// Start/Stop, an expired ephemeral workspace into Remove). The compiler's spec hash is untouched, so a power change
/// never recreates.
/// </summary>
public static class PowerResolver
{
    /// <param name="records">What the database recorded per workspace; null or a missing key means nothing recorded.</param>
    public static IReadOnlyList<DesiredWorkspace> Resolve(
        IReadOnlyList<DesiredWorkspace> desired,
        IReadOnlyList<WorkspaceObservation> observed,
        IReadOnlyDictionary<WorkspaceKey, PowerRecord>? records,
        DateTimeOffset now)
    {
        var created = new Dictionary<WorkspaceKey, DateTimeOffset>(observed.Count);
        foreach (var observation in observed)
        {
            // Several containers for one key (left by a crash): the ttl counts from the oldest.
            created[observation.Key] = created.TryGetValue(observation.Key, out var earlier) && earlier < observation.Created ? earlier : observation.Created;
        }

        var resolved = new List<DesiredWorkspace>(desired.Count);
        foreach (var workspace in desired)
        {
            var record = records is not null && records.TryGetValue(workspace.Key, out var found) ? found : PowerRecord.None;
            var decision = Decide(workspace, record, created.TryGetValue(workspace.Key, out var at) ? at : now, now);
            resolved.Add(workspace with
            {
                Power = decision.State == DesiredPower.Running ? PowerState.Running : PowerState.Stopped,
                PowerDecision = decision,
            });
        }

        return resolved;
    }

    private static PowerDecision Decide(DesiredWorkspace workspace, PowerRecord record, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var lifecycle = workspace.Spec.Lifecycle;
        if (lifecycle.Policy == Workspaces.LifecyclePolicy.Ephemeral && record.ExpiredAt is { } expired)
        {
            // Deleted is terminal: the container is gone, so the observed creation time would restart the ttl.
            return new PowerDecision(
                DesiredPower.Deleted,
                $"ephemeral: ttl expired at {PowerText.Instant(expired)}; deleted (rename the workspace for a new one)",
                null,
                LifecycleCalendar.For(lifecycle).Zone,
                !lifecycle.KeepVolumes);
        }

        var inputs = new PowerInputs { CreatedAt = createdAt, LastActivityAt = record.LastActivityAt, Overrides = record.Overrides };
        return PowerStateCalculator.Calculate(lifecycle, inputs, now);
    }
}
