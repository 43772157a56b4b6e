using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// Volumes of the Pod. <c>k8s_stateful</c>: the workspace folder, <c>storage</c> entries of type local/pvc/ceph and
/// devcontainer volume mounts are claim templates (kept when scaled to 0 or deleted; an entry's <c>storageClass</c>
/// wins over the cluster's, ceph claims are ReadWriteMany). <c>k8s_pod</c> has no persistent storage: the workspace
/// folder and devcontainer volumes are emptyDir, and local/pvc/ceph entries without a <c>claim</c> are a problem (they
/// would silently lose data). An entry with <c>claim</c> mounts that existing claim on both; NFS entries are nfs volumes
/// on both. <c>readOnly</c> is set on the mount and on the volume source.
/// </summary>
internal static class VolumeRenderer
{
    public const string WorkspaceVolume = "workspace";

    public sealed record Result(
        IList<V1Volume> Volumes,
        IList<V1VolumeMount> Mounts,
        IList<V1PersistentVolumeClaim> ClaimTemplates,
        IReadOnlyList<string> Problems);

    public static Result Render(DesiredWorkspace desired, WorkspaceMetadata meta, KubernetesRenderOptions options)
    {
        var stateful = desired.Deployment == DeploymentKind.K8sStateful;
        var volumes = new List<V1Volume>();
        var mounts = new List<V1VolumeMount>();
        var claims = new List<V1PersistentVolumeClaim>();
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        string Unique(string name)
        {
            var candidate = name;
            for (var i = 2; !names.Add(candidate); i++)
            {
                candidate = $"{name}-{i}";
            }

            return candidate;
        }

        void Claim(string name, long? bytes, string? storageClass = null, string accessMode = "ReadWriteOnce")
            => claims.Add(new V1PersistentVolumeClaim
            {
                // Claims made from the template carry these labels, so a prune with volumes can find them.
                Metadata = new V1ObjectMeta { Name = name, Labels = meta.Selector() },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    AccessModes = [accessMode],
                    StorageClassName = storageClass ?? options.StorageClassName,
                    Resources = new V1VolumeResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
                        {
                            ["storage"] = ResourceRenderer.Bytes(bytes ?? options.DefaultClaimBytes),
                        },
                    },
                },
            });

        void EmptyDir(string name, long? bytes, string? medium = null)
            => volumes.Add(new V1Volume
            {
                Name = name,
                EmptyDir = new V1EmptyDirVolumeSource
                {
                    Medium = medium,
                    SizeLimit = bytes is > 0 ? ResourceRenderer.Bytes(bytes.Value) : null,
                },
            });

        var workspace = Unique(WorkspaceVolume);
        if (stateful)
        {
            Claim(workspace, desired.Spec.Resources.DiskBytes ?? desired.Container.DiskBytes);
        }
        else
        {
            EmptyDir(workspace, desired.Spec.Resources.DiskBytes ?? desired.Container.DiskBytes);
        }

        mounts.Add(new V1VolumeMount { Name = workspace, MountPath = desired.Container.WorkspaceFolder });

        var storageTargets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var storage in desired.Spec.Storage)
        {
            storageTargets.Add(storage.MountPath);
            var name = Unique(KubernetesNames.Volume(storage.Name, "storage"));
            switch (storage.Type)
            {
                case StorageType.Pvc or StorageType.Ceph when storage.Claim is { } claim:
                    // An existing claim (made by an administrator) works on both deployments and is never deleted by us.
                    volumes.Add(new V1Volume
                    {
                        Name = name,
                        PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim, ReadOnlyProperty = storage.ReadOnly ? true : null },
                    });
                    break;
                case StorageType.Ceph when stateful:
                    // CephFS through its CSI storage class: shared, so ReadWriteMany.
                    Claim(name, storage.SizeBytes, storage.StorageClass, "ReadWriteMany");
                    break;
                case StorageType.Local or StorageType.Pvc when stateful:
                    Claim(name, storage.SizeBytes, storage.StorageClass);
                    break;
                case StorageType.Local or StorageType.Pvc or StorageType.Ceph:
                    problems.Add($"storage {storage.Name} (type {WorkspaceVocabulary.ToYaml(storage.Type)}) needs deployment k8s_stateful or an existing claim: a k8s_pod has no persistent volumes");
                    continue;
                case StorageType.Nfs:
                    volumes.Add(new V1Volume
                    {
                        Name = name,
                        Nfs = new V1NFSVolumeSource { Server = storage.Server, Path = storage.Path, ReadOnlyProperty = storage.ReadOnly ? true : null },
                    });
                    break;
                default:
                    problems.Add($"storage {storage.Name} (type {WorkspaceVocabulary.ToYaml(storage.Type)}) is not supported on Kubernetes");
                    continue;
            }

            mounts.Add(new V1VolumeMount { Name = name, MountPath = storage.MountPath, ReadOnlyProperty = storage.ReadOnly ? true : null });
        }

        // Devcontainer mounts after the workspace folder; storage entries were handled above.
        var index = 0;
        foreach (var mount in desired.Container.Mounts.Skip(1).Where(m => !storageTargets.Contains(m.Target)))
        {
            index++;
            var name = Unique(KubernetesNames.Volume(mount.Kind == MountKind.Volume && mount.Source is { } s ? s : $"mount-{index}", $"mount-{index}"));
            switch (mount.Kind)
            {
                case MountKind.Bind:
                    problems.Add($"bind mount {mount.Source} -> {mount.Target}: host paths are not available on Kubernetes");
                    continue;
                case MountKind.Tmpfs:
                    EmptyDir(name, null, "Memory");
                    break;
                case MountKind.Volume when stateful:
                    Claim(name, null);
                    break;
                default:
                    EmptyDir(name, null);
                    break;
            }

            mounts.Add(new V1VolumeMount { Name = name, MountPath = mount.Target, ReadOnlyProperty = mount.ReadOnly ? true : null });
        }

        return new Result(volumes, mounts, claims, problems);
    }
}
