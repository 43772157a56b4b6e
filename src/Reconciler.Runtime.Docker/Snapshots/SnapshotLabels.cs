using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>Labels a <c>persistence: snapshot</c> container carries, so a removal without a desired spec still knows to commit it.</summary>
internal static class SnapshotLabels
{
    /// <summary><c>snapshot</c> on containers of snapshot workspaces.</summary>
    public const string Persistence = "dev.reconciler.persistence";

    public const string SnapshotValue = "snapshot";

    /// <summary>The base image the workspace names (snapshots of another base are never used for it).</summary>
    public const string Base = "dev.reconciler.snapshot.base";

    /// <summary>The snapshot image the container started from; absent when it started from its base image.</summary>
    public const string From = "dev.reconciler.snapshot.from";

    /// <summary>Marks a snapshot workspace's container and, when it starts from a snapshot, runs that image instead of the base.</summary>
    public static void Apply(CreateContainerParameters parameters, DesiredWorkspace desired, string? snapshot)
    {
        if (desired.Spec.Persistence != WorkspacePersistence.Snapshot)
        {
            return;
        }

        parameters.Labels[Persistence] = SnapshotValue;
        parameters.Labels[Base] = desired.Image;
        if (snapshot is not null)
        {
            parameters.Image = snapshot;
            parameters.Labels[From] = snapshot;
        }
    }
}
