using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Lifecycle;

/// <summary>
/// Pure: lifecycle policy + calendar + recorded overrides + observed activity + an instant → the desired power
/// state, why, and the next transition. Lifecycle is desired state: the answer is recomputed from these inputs
/// at every call, never replayed from earlier answers, so a worker that was down across a stop boundary finds
/// the workspace stopped, and one down across a stop and the next start finds it running.
/// </summary>
/// <remarks>The lifecycle must be valid (the workspace file parser checks it); otherwise <see cref="ArgumentException"/>.</remarks>
public static class PowerStateCalculator
{
    /// <summary>How many events <see cref="NextTransition"/> visits before giving up (a schedule firing every second, say).</summary>
    private const int MaxEvents = 512;

    public static PowerDecision Calculate(LifecycleSpec lifecycle, PowerInputs inputs, TimeProvider clock)
        => Calculate(lifecycle, inputs, clock.GetUtcNow());

    public static PowerDecision Calculate(LifecycleSpec lifecycle, PowerInputs inputs, DateTimeOffset now)
    {
        var evaluator = new PowerEvaluator(lifecycle, LifecycleCalendar.For(lifecycle), inputs);
        var current = evaluator.Evaluate(now);
        return new PowerDecision(
            current.State,
            current.Reason,
            Next(evaluator, current, now),
            evaluator.Calendar.Zone,
            current.State == DesiredPower.Deleted && !lifecycle.KeepVolumes);
    }

    /// <summary>
    /// The next instant after <paramref name="now"/> at which the desired state changes if no new activity or
    /// override arrives, within <see cref="LifecycleLimits.LookAhead"/>; null when none is foreseen (persistent,
    /// deleted, or a schedule that never fires again).
    /// </summary>
    public static PowerTransition? NextTransition(LifecycleSpec lifecycle, PowerInputs inputs, DateTimeOffset now)
    {
        var evaluator = new PowerEvaluator(lifecycle, LifecycleCalendar.For(lifecycle), inputs);
        return Next(evaluator, evaluator.Evaluate(now), now);
    }

    private static PowerTransition? Next(PowerEvaluator evaluator, PowerEvaluation current, DateTimeOffset now)
    {
        var horizon = now + LifecycleLimits.LookAhead;
        var evaluation = current;
        for (var i = 0; i < MaxEvents && evaluation.NextEvent is { } at && at <= horizon; i++)
        {
            evaluation = evaluator.Evaluate(at);
            if (evaluation.State != current.State)
            {
                return new PowerTransition(at, evaluation.State, evaluation.Reason);
            }
        }

        return null;
    }
}
