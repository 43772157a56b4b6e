using Reconciler.Core.Ports;

namespace Reconciler.Core.Planning;

/// <summary>The outcome of one plan action.</summary>
public sealed record ActionResult(PlanAction Action, ApplyResult Result, TimeSpan Elapsed);

/// <summary>
/// Applies a plan's mutating actions through a runtime, one at a time, in plan order. A failed action does
/// not stop the others (one broken workspace must not hold back its neighbours); every result is returned.
/// </summary>
public static class PlanExecutor
{
    public static async Task<IReadOnlyList<ActionResult>> ExecuteAsync(
        Plan plan,
        IWorkspaceRuntime runtime,
        ApplyContext context,
        TimeProvider time,
        Action<ActionResult>? onResult,
        CancellationToken cancellationToken)
    {
        var results = new List<ActionResult>();
        foreach (var action in plan.Actions.Where(a => a.IsMutating))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetTimestamp();
            var result = await runtime.ApplyAsync(action, context, cancellationToken);
            var item = new ActionResult(action, result, time.GetElapsedTime(started));
            results.Add(item);
            onResult?.Invoke(item);
        }

        return results;
    }
}
