using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Support;

/// <summary>
/// Adds <c>storage:</c> entries to a hand-built desired workspace as the compiler does for a Docker host: the entry in
/// the spec, a named volume mount in the container, and a spec field.
/// </summary>
internal static class StorageWorkspaces
{
    public static DesiredWorkspace WithStorage(this DesiredWorkspace desired, params StorageSpec[] storage)
    {
        var mounts = desired.Container.Mounts.ToList();
        foreach (var entry in storage)
        {
            mounts.Add(new MountRequest(MountKind.Volume, WorkspaceNames.StorageVolume(desired.Key, entry.Name), entry.MountPath, entry.ReadOnly));
            desired = desired.WithField($"storage.{entry.Name}", $"{entry.Type}:{entry.Server}:{entry.Path}:{entry.Bucket}:{entry.Prefix}");
        }

        return desired with
        {
            Spec = desired.Spec with { Storage = [.. desired.Spec.Storage, .. storage] },
            Container = desired.Container with { Mounts = mounts },
        };
    }
}
