using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>A mount as the adapter creates it; <see cref="Role"/> is set for named volumes the adapter ensures.</summary>
internal sealed record ResolvedMount(MountRequest Request, string? Role)
{
    public bool IsWorkspace => Role == WorkspaceLabels.WorkspaceRole;
}

/// <summary>
/// Resolves the mounts of a workspace. The volume at the workspace folder (or the one named
/// <see cref="ContainerSpec.WorkspaceVolume"/>) is named by <see cref="DockerNames.WorkspaceVolume"/>; when the
/// spec has no mount at the workspace folder, that volume is added first. A bind mount at the workspace
/// folder means there is no workspace volume (and nothing is seeded).
/// </summary>
internal static class WorkspaceMounts
{
    public static IReadOnlyList<ResolvedMount> Resolve(DesiredWorkspace desired)
    {
        var container = desired.Container;
        var workspaceVolume = DockerNames.WorkspaceVolume(desired.Key);
        var atFolder = container.Mounts.FirstOrDefault(m => m.Target == container.WorkspaceFolder);
        var declared = atFolder ?? container.Mounts.FirstOrDefault(m => m.Kind == MountKind.Volume && m.Source == container.WorkspaceVolume);
        var mounts = new List<ResolvedMount>();
        if (declared is null)
        {
            mounts.Add(new ResolvedMount(new MountRequest(MountKind.Volume, workspaceVolume, container.WorkspaceFolder), WorkspaceLabels.WorkspaceRole));
        }

        foreach (var mount in container.Mounts)
        {
            if (ReferenceEquals(mount, declared) && mount.Kind == MountKind.Volume)
            {
                mounts.Add(new ResolvedMount(mount with { Source = workspaceVolume }, WorkspaceLabels.WorkspaceRole));
            }
            else if (mount.Kind == MountKind.Volume && IsBareName(mount.Source))
            {
                mounts.Add(new ResolvedMount(mount, "storage:" + StorageName(desired, mount)));
            }
            else
            {
                mounts.Add(new ResolvedMount(mount, null));
            }
        }

        return mounts;
    }

    private static bool IsBareName(string? source) => !string.IsNullOrEmpty(source) && !source.Contains('/', StringComparison.Ordinal);

    private static string StorageName(DesiredWorkspace desired, MountRequest mount)
        => desired.Spec.Storage.FirstOrDefault(s => s.MountPath == mount.Target)?.Name ?? mount.Source!;
}
