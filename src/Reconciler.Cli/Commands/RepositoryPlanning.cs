using Reconciler.Cli.Hosting;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;

namespace Reconciler.Cli.Commands;

/// <summary>A plan for one repository across every configured Docker host, and which host each action goes to.</summary>
internal sealed record RepositoryPlan(LoadedRepository Loaded, Plan Plan, IReadOnlyDictionary<string, string> HostOfObservation)
{
    public string HostFor(PlanAction action)
        => action.Kind == PlanActionKind.Remove || action.Desired is null
            ? HostOfObservation[action.Observed!.Id]
            : action.Desired.Spec.Host ?? "default";
}

internal static class RepositoryPlanning
{
    /// <summary>Observes each configured host once (one list call each) and plans. Desired may be empty (down).</summary>
    public static async Task<RepositoryPlan> PlanAsync(
        CliSession session, LoadedRepository loaded, IReadOnlyList<DesiredWorkspace> desired, bool pruneVolumes, CancellationToken cancellationToken)
    {
        var observed = new List<WorkspaceObservation>();
        var hostOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in session.Endpoints.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var observation in await session.Runtime(host).ObserveAsync(loaded.Repository, cancellationToken))
            {
                observed.Add(observation);
                hostOf[observation.Id] = host;
            }
        }

        return new RepositoryPlan(loaded, Planner.Plan(desired, observed, pruneVolumes), hostOf);
    }
}
