using Reconciler.Core.Quantities;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Lifecycle;

/// <summary>The state at one instant, why, and the earliest later instant at which the answer could differ.</summary>
internal sealed record PowerEvaluation(DesiredPower State, string Reason, DateTimeOffset? NextEvent);

/// <summary>
/// Evaluates one workspace's lifecycle at any instant from its inputs alone — no memory of earlier answers, so
/// an evaluation after downtime is the same as one made on time. The state is piecewise constant between
/// the events it reports (schedule fires, idle deadline, override start and expiry, ttl), which is what lets
/// <see cref="PowerStateCalculator.NextTransition"/> find the next change by visiting events only.
/// </summary>
internal sealed class PowerEvaluator(LifecycleSpec spec, LifecycleCalendar calendar, PowerInputs inputs)
{
    public LifecycleCalendar Calendar => calendar;

    public PowerEvaluation Evaluate(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        void Event(DateTimeOffset? at)
        {
            if (at is { } value && value > now)
            {
                next = LifecycleCalendar.Min(next, value);
            }
        }

        if (spec.Policy == LifecyclePolicy.Ephemeral && spec.Ttl is { } ttl)
        {
            var deleteAt = inputs.CreatedAt + ttl;
            if (now >= deleteAt)
            {
                return new(DesiredPower.Deleted, $"ephemeral: ttl {DurationText.Format(ttl)} after creation expired at {PowerText.Instant(deleteAt)}", null);
            }

            Event(deleteAt);
        }

        foreach (var request in inputs.Overrides)
        {
            Event(request.RequestedAt);
            Event(Expiry(request));
        }

        var window = spec.Policy == LifecyclePolicy.Scheduled ? Window(now) : null;
        if (window is not null)
        {
            Event(window.NextStart);
            Event(window.NextStop);
        }

        var active = Active(now);
        if (active is { Kind: PowerOverrideKind.Stop })
        {
            return new(DesiredPower.Stopped, $"stopped by {active.RequestedBy} at {PowerText.Instant(active.RequestedAt)}{PowerText.Until(Expiry(active))}", next);
        }

        if (active is { Kind: PowerOverrideKind.Start })
        {
            return new(DesiredPower.Running, $"started by {active.RequestedBy} at {PowerText.Instant(active.RequestedAt)}{PowerText.Until(Expiry(active))}", next);
        }

        var (runningSince, reason) = Base(now, window);
        if (active is { Kind: PowerOverrideKind.Wake })
        {
            runningSince = runningSince is { } since && since > active.RequestedAt ? since : active.RequestedAt;
            reason = $"woken by {active.RequestedBy} at {PowerText.Instant(active.RequestedAt)}{PowerText.Until(Expiry(active))}";
        }

        if (runningSince is not { } running)
        {
            return new(DesiredPower.Stopped, reason, next);
        }

        var idleTimeout = spec.IdleTimeout ?? (spec.Policy == LifecyclePolicy.OnDemand ? LifecycleLimits.OnDemandIdleTimeout : null);
        if (idleTimeout is { } timeout)
        {
            var busySince = inputs.LastActivityAt is { } activity && activity > running ? activity : running;
            var deadline = busySince + timeout;
            if (now >= deadline)
            {
                return new(DesiredPower.Stopped, $"idle since {PowerText.Instant(busySince)} (idleTimeout {DurationText.Format(timeout)}); stopped until woken", next);
            }

            Event(deadline);
        }

        return new(DesiredPower.Running, reason, next);
    }

    /// <summary>When the policy alone runs the workspace: since when (null: it does not) and why.</summary>
    private (DateTimeOffset? RunningSince, string Reason) Base(DateTimeOffset now, ScheduleWindow? window) => spec.Policy switch
    {
        LifecyclePolicy.Scheduled when window is { Inside: true } => (window.LastStart, $"scheduled: inside the window that opened at {PowerText.Instant(window.LastStart!.Value)}"),
        LifecyclePolicy.Scheduled => (null, window?.LastStop is { } stop ? $"scheduled: outside the window (closed at {PowerText.Instant(stop)})" : "scheduled: outside the window"),
        LifecyclePolicy.OnDemand => (null, "on_demand: not woken"),
        LifecyclePolicy.Ephemeral when spec.Ttl is { } ttl => (inputs.CreatedAt, $"ephemeral: running until its ttl expires at {PowerText.Instant(inputs.CreatedAt + ttl)}"),
        LifecyclePolicy.Ephemeral => (inputs.CreatedAt, "ephemeral without a ttl: running"),
        _ => (inputs.CreatedAt, "persistent"),
    };

    private ScheduleWindow? Window(DateTimeOffset now)
    {
        if (calendar.Start is not { } start || calendar.Stop is not { } stop)
        {
            return null;
        }

        var lastStart = LifecycleCalendar.LastFireAtOrBefore(start, now);
        var lastStop = LifecycleCalendar.LastFireAtOrBefore(stop, now);

        // A start and a stop at the same instant leave the workspace stopped: stop wins ties.
        var inside = lastStart is { } s && (lastStop is null || s > lastStop.Value);
        return new ScheduleWindow(inside, lastStart, lastStop, LifecycleCalendar.NextFireAfter(start, now), LifecycleCalendar.NextFireAfter(stop, now));
    }

    /// <summary>Of the overrides in effect at <paramref name="now"/>, the one requested last (a later entry wins a tie).</summary>
    private PowerOverride? Active(DateTimeOffset now)
    {
        PowerOverride? winner = null;
        foreach (var request in inputs.Overrides)
        {
            if (request.RequestedAt <= now && (Expiry(request) is not { } end || now < end)
                && (winner is null || request.RequestedAt >= winner.RequestedAt))
            {
                winner = request;
            }
        }

        return winner;
    }

    /// <summary>
    /// When an override stops counting (null: never, until a newer one supersedes it). A wake ends at the next
    /// schedule boundary or its own expiry, whichever is first; a start or stop with an explicit expiry holds until
    /// then, across boundaries, and without one until the next boundary.
    /// </summary>
    private DateTimeOffset? Expiry(PowerOverride request)
    {
        var boundary = spec.Policy == LifecyclePolicy.Scheduled ? calendar.NextBoundaryAfter(request.RequestedAt) : null;
        return request.Kind == PowerOverrideKind.Wake ? LifecycleCalendar.Min(request.Until, boundary) : request.Until ?? boundary;
    }

    private sealed record ScheduleWindow(bool Inside, DateTimeOffset? LastStart, DateTimeOffset? LastStop, DateTimeOffset? NextStart, DateTimeOffset? NextStop);
}
