using Reconciler.Core.Configuration;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary><c>access.jumpserver</c> with its access key read at start-up (in memory only; never logged).</summary>
internal sealed record JumpserverSettings(JumpserverConfig Config, string KeyId, string KeySecret)
{
    public override string ToString() => $"JumpserverSettings({Config.Url}, key {KeyId})";
}
