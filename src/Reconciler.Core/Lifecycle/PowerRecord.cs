namespace Reconciler.Core.Lifecycle;

/// <summary>
/// What the worker's database remembers about one workspace's power besides the files: the wake/stop/start
/// requests, the last activity (heartbeat or probe) and, for an ephemeral workspace, when its ttl deleted it.
/// The CLI has no database and passes <see cref="None"/>: the calendar and the observed creation time decide alone.
/// </summary>
public sealed record PowerRecord(
    IReadOnlyList<PowerOverride> Overrides,
    DateTimeOffset? LastActivityAt = null,
    DateTimeOffset? ExpiredAt = null)
{
    public static PowerRecord None { get; } = new([]);
}
