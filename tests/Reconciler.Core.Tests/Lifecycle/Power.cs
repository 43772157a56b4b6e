using System.Globalization;
using Reconciler.Core.Lifecycle;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Lifecycle;

/// <summary>Lifecycles and inputs the power tests share; instants are written as ISO 8601 with an offset.</summary>
internal static class Power
{
    /// <summary>The example: Mon–Fri 09:00–21:00 Asia/Shanghai (UTC+8, no DST): 01:00Z–13:00Z.</summary>
    public static readonly LifecycleSpec Shanghai = new(LifecyclePolicy.Scheduled, "Asia/Shanghai", "0 0 9 ? * MON-FRI", "0 0 21 ? * MON-FRI");

    public static readonly DateTimeOffset Created = At("2026-02-01T00:00:00Z");

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static PowerInputs Inputs(DateTimeOffset? created = null, string? lastActivity = null, params PowerOverride[] overrides) => new()
    {
        CreatedAt = created ?? Created,
        LastActivityAt = lastActivity is null ? null : At(lastActivity),
        Overrides = overrides,
    };

    public static PowerOverride Override(PowerOverrideKind kind, string requestedAt, string? until = null, string by = "alice")
        => new(kind, until is null ? null : At(until), by, At(requestedAt));

    public static PowerDecision Decide(LifecycleSpec lifecycle, PowerInputs inputs, string now)
        => PowerStateCalculator.Calculate(lifecycle, inputs, At(now));

    /// <summary>Asserts the state and the next transition (null: none foreseen) in one message that shows the reason.</summary>
    public static void AssertDecision(PowerDecision decision, DesiredPower state, string? nextAt, DesiredPower? nextState = null)
    {
        var context = $"{decision.State} ({decision.Reason}), next {decision.Next?.At:O} {decision.Next?.State}";
        Assert.True(decision.State == state, $"expected {state}, got {context}");
        if (nextAt is null)
        {
            Assert.True(decision.Next is null, $"expected no transition, got {context}");
            return;
        }

        Assert.True(decision.Next is { } next && next.At == At(nextAt) && next.State == (nextState ?? Toggled(state)), $"expected next {nextAt} {nextState ?? Toggled(state)}, got {context}");
    }

    private static DesiredPower Toggled(DesiredPower state) => state == DesiredPower.Running ? DesiredPower.Stopped : DesiredPower.Running;
}
