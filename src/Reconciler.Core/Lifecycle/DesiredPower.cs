namespace Reconciler.Core.Lifecycle;

/// <summary>What the lifecycle calendar says a workspace should be at one instant.</summary>
public enum DesiredPower
{
    Running,
    Stopped,

    /// <summary>Terminal: an ephemeral workspace whose ttl expired. Nothing brings it back but a new one.</summary>
    Deleted,
}
