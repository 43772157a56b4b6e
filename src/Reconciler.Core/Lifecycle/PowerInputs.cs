namespace Reconciler.Core.Lifecycle;

/// <summary>
/// Everything besides the calendar and the clock that decides a workspace's power state: when it was created,
/// the last activity observed on it (null: none yet; activity sources come later — CPU, GPU, sessions, a
/// heartbeat API) and the overrides recorded for it.
/// </summary>
public sealed record PowerInputs
{
    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastActivityAt { get; init; }

    public IReadOnlyList<PowerOverride> Overrides { get; init; } = [];
}
