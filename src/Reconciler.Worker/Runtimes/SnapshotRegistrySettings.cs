using Reconciler.Core.Configuration;
using Reconciler.Runtime.Docker.Snapshots;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Runtimes;

/// <summary>The <c>snapshots</c> section as the Docker runtimes use it; the password is read from its variable or file at each use.</summary>
internal static class SnapshotRegistrySettings
{
    public static SnapshotRegistryOptions? From(SnapshotsConfig? config, string configDirectory) => config is null
        ? null
        : new SnapshotRegistryOptions
        {
            Registry = config.Registry,
            Prefix = config.Prefix,
            Retain = config.Retain,
            User = config.User,
            Password = config.Password is { } secret ? () => SecretReader.Read(secret, configDirectory, []) : null,
        };
}
