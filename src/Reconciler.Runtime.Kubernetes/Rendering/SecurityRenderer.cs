using System.Globalization;
using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// The security settings of the Pod. By default they meet the Pod Security Standards "restricted" profile
/// (non-root numeric user, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp).
/// Each devcontainer setting that needs more is recorded as a deviation with the level it needs.
/// </summary>
internal static class SecurityRenderer
{
    /// <summary>Capabilities the "baseline" profile allows to add; "restricted" allows only NET_BIND_SERVICE.</summary>
    private static readonly HashSet<string> BaselineCapabilities = new(StringComparer.Ordinal)
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    };

    public sealed record Result(
        V1PodSecurityContext Pod,
        V1SecurityContext Container,
        bool HostNetwork,
        bool HostPid,
        bool HostIpc,
        PodSecurityLevel Level,
        IReadOnlyList<string> Deviations);

    public static Result Render(DesiredWorkspace desired, KubernetesRenderOptions options)
    {
        var spec = desired.Container;
        var deviations = new List<(PodSecurityLevel Level, string Text)>();
        var (uid, gid, root) = User(spec.ContainerUser, options.DefaultUserId);
        if (root)
        {
            deviations.Add((PodSecurityLevel.Baseline, $"runs as root (containerUser {spec.ContainerUser})"));
        }

        var add = spec.CapAdd.Select(c => Capability(c)).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var capability in add.Where(c => c != "NET_BIND_SERVICE"))
        {
            deviations.Add((BaselineCapabilities.Contains(capability) ? PodSecurityLevel.Baseline : PodSecurityLevel.Privileged, $"adds capability {capability}"));
        }

        if (spec.Privileged)
        {
            deviations.Add((PodSecurityLevel.Privileged, "privileged container (--privileged)"));
        }

        var hostNetwork = string.Equals(spec.NetworkMode, "host", StringComparison.Ordinal);
        var hostPid = string.Equals(spec.PidMode, "host", StringComparison.Ordinal);
        var hostIpc = string.Equals(spec.IpcMode, "host", StringComparison.Ordinal);
        foreach (var (on, name) in new[] { (hostNetwork, "hostNetwork"), (hostPid, "hostPID"), (hostIpc, "hostIPC") })
        {
            if (on)
            {
                deviations.Add((PodSecurityLevel.Privileged, $"{name} (devcontainer runArgs)"));
            }
        }

        var unconfined = spec.SecurityOpt.Any(o => o.Replace(':', '=').Equals("seccomp=unconfined", StringComparison.OrdinalIgnoreCase));
        if (unconfined)
        {
            deviations.Add((PodSecurityLevel.Privileged, "seccomp unconfined (--security-opt seccomp=unconfined)"));
        }

        foreach (var nfs in desired.Spec.Storage.Where(s => s.Type == StorageType.Nfs))
        {
            deviations.Add((PodSecurityLevel.Baseline, $"nfs volume {nfs.Name} (restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes)"));
        }

        var level = deviations.Count == 0 ? PodSecurityLevel.Restricted : deviations.Max(d => d.Level);
        // The API rejects allowPrivilegeEscalation=false together with privileged or CAP_SYS_ADMIN.
        var escalation = spec.Privileged || add.Contains("SYS_ADMIN");
        var container = new V1SecurityContext
        {
            RunAsNonRoot = !root,
            RunAsUser = uid,
            RunAsGroup = gid,
            AllowPrivilegeEscalation = escalation,
            Privileged = spec.Privileged ? true : null,
            Capabilities = new V1Capabilities { Drop = ["ALL"], Add = add.Count > 0 ? add : null },
            SeccompProfile = new V1SeccompProfile { Type = unconfined ? "Unconfined" : "RuntimeDefault" },
        };
        var pod = new V1PodSecurityContext
        {
            RunAsNonRoot = !root,
            RunAsUser = uid,
            RunAsGroup = gid,
            FsGroup = gid,
            SeccompProfile = new V1SeccompProfile { Type = unconfined ? "Unconfined" : "RuntimeDefault" },
        };
        return new Result(pod, container, hostNetwork, hostPid, hostIpc, level, [.. deviations.Select(d => $"{d.Text}: needs Pod Security {PodSecurityLevelNames.LabelValue(d.Level)}")]);
    }

    /// <summary>
    /// <c>uid[:gid]</c> is used as written; <c>root</c>/<c>0</c> is root; a user by name (Kubernetes cannot read
    /// the image's passwd) and no user run as <paramref name="defaultId"/>.
    /// </summary>
    private static (long Uid, long Gid, bool Root) User(string? user, long defaultId)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return (defaultId, defaultId, false);
        }

        var parts = user.Split(':', 2);
        if (parts[0] == "root")
        {
            return (0, 0, true);
        }

        if (long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            var gid = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : uid;
            return (uid, gid, uid == 0);
        }

        return (defaultId, defaultId, false);
    }

    /// <summary>Docker writes capabilities with or without the CAP_ prefix; Kubernetes without.</summary>
    private static string Capability(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }
}
