namespace Reconciler.Core.Lifecycle;

public enum PowerOverrideKind
{
    /// <summary>
    /// "I want it now" (a user opened the IDE, the API was called): runs the workspace, and the idle timeout still
    /// applies. On a schedule it lasts until the next start or stop boundary, or <see cref="PowerOverride.Until"/> if earlier.
    /// </summary>
    Wake,

    /// <summary>Keep it stopped until <see cref="PowerOverride.Until"/> (or, without one, the next schedule boundary).</summary>
    Stop,

    /// <summary>Keep it running, idle or not, until <see cref="PowerOverride.Until"/> (or, without one, the next schedule boundary).</summary>
    Start,
}

/// <summary>
/// A recorded request that bends the calendar for a while. Overrides are inputs, not commands: the calculator
/// looks at all of them on every evaluation, and of those in effect the most recently requested one wins.
/// An override recorded with <see cref="RequestedAt"/> in the future takes effect only from then.
/// </summary>
public sealed record PowerOverride(PowerOverrideKind Kind, DateTimeOffset? Until, string RequestedBy, DateTimeOffset RequestedAt);
