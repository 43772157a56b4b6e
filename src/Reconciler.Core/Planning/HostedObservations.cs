using Reconciler.Core.Ports;

namespace Reconciler.Core.Planning;

/// <summary>
/// What several runtime hosts run for one repository (one list call per host), and which host each object is on,
/// so plan actions can be routed back: a removal goes where the object is, anything else where the workspace
/// asks to run (<c>host</c>, default <c>default</c>).
/// </summary>
public sealed record HostedObservations(IReadOnlyList<WorkspaceObservation> Observed, IReadOnlyDictionary<string, string> HostOf)
{
    public const string DefaultHost = "default";

    public static async Task<HostedObservations> ObserveAsync(
        IEnumerable<KeyValuePair<string, IWorkspaceRuntime>> runtimes, string? repository, CancellationToken cancellationToken)
    {
        var observed = new List<WorkspaceObservation>();
        var hostOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (host, runtime) in runtimes)
        {
            foreach (var observation in await runtime.ObserveAsync(repository, cancellationToken))
            {
                observed.Add(observation);
                hostOf[observation.Id] = host;
            }
        }

        return new HostedObservations(observed, hostOf);
    }

    public string HostFor(PlanAction action)
        => action.Kind == PlanActionKind.Remove || action.Desired is null
            ? HostOf[action.Observed!.Id]
            : action.Desired.Spec.Host ?? DefaultHost;

    /// <summary>A removal of a workspace's object from a host other than the one it should run on (it moved).</summary>
    public bool IsMoveRemoval(PlanAction action)
        => action is { Kind: PlanActionKind.Remove, Desired: { } desired, Observed: { } observed }
            && HostOf.TryGetValue(observed.Id, out var at)
            && at != (desired.Spec.Host ?? DefaultHost);

    /// <summary>Executes the plan's mutating actions host by host through <paramref name="runtimeFor"/>; returns every result.</summary>
    public async Task<IReadOnlyList<ActionResult>> ExecuteAsync(
        Plan plan,
        Func<string, IWorkspaceRuntime> runtimeFor,
        ApplyContext context,
        TimeProvider time,
        Action<ActionResult>? onResult,
        CancellationToken cancellationToken)
    {
        var results = new List<ActionResult>();
        // A moved workspace's old object (HostMoves) goes before anything else, so its name, GPUs and ports are free.
        foreach (var group in plan.Actions.Where(a => a.IsMutating).OrderBy(a => IsMoveRemoval(a) ? 0 : 1).GroupBy(HostFor))
        {
            results.AddRange(await PlanExecutor.ExecuteAsync(
                new Plan([.. group], plan.PruneVolumes), runtimeFor(group.Key), context, time, onResult, cancellationToken));
        }

        return results;
    }
}
