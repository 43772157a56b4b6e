using k8s.Models;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

/// <summary>
/// The Pod Security Standards "restricted" profile (which includes "baseline"), rule by rule, as published at
/// kubernetes.io/docs/concepts/security/pod-security-standards. Each rule returns whether a Pod spec breaks it.
/// Applied to the Pod template of every rendered workload.
/// </summary>
public static class RestrictedProfile
{
    private static readonly HashSet<string> RestrictedVolumeTypes = new(StringComparer.Ordinal)
    {
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    };

    private static readonly HashSet<string> SafeSysctls = new(StringComparer.Ordinal)
    {
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    };

    private static readonly HashSet<string> SeLinuxTypes = new(StringComparer.Ordinal) { "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t" };

    /// <summary>Rule name → does the Pod break it. Names follow the Pod Security Standards page.</summary>
    public static IReadOnlyDictionary<string, Func<V1PodSpec, bool>> Rules { get; } = new Dictionary<string, Func<V1PodSpec, bool>>(StringComparer.Ordinal)
    {
        ["baseline: HostProcess"] = p => p.SecurityContext?.WindowsOptions?.HostProcess == true || Containers(p).Any(c => c.SecurityContext?.WindowsOptions?.HostProcess == true),
        ["baseline: Host Namespaces"] = p => p.HostNetwork == true || p.HostPID == true || p.HostIPC == true,
        ["baseline: Privileged Containers"] = p => Containers(p).Any(c => c.SecurityContext?.Privileged == true),
        ["baseline: HostPath Volumes"] = p => (p.Volumes ?? []).Any(v => v.HostPath is not null),
        ["baseline: Host Ports"] = p => Containers(p).Any(c => (c.Ports ?? []).Any(port => port.HostPort is > 0)),
        ["baseline: AppArmor"] = p => p.SecurityContext?.AppArmorProfile?.Type == "Unconfined" || Containers(p).Any(c => c.SecurityContext?.AppArmorProfile?.Type == "Unconfined"),
        ["baseline: SELinux"] = p => SeLinuxBroken(p.SecurityContext?.SeLinuxOptions) || Containers(p).Any(c => SeLinuxBroken(c.SecurityContext?.SeLinuxOptions)),
        ["baseline: /proc Mount Type"] = p => Containers(p).Any(c => c.SecurityContext?.ProcMount is { } m && m != "Default"),
        ["baseline: Sysctls"] = p => (p.SecurityContext?.Sysctls ?? []).Any(s => !SafeSysctls.Contains(s.Name)),
        ["restricted: Volume Types"] = p => (p.Volumes ?? []).Any(v => !RestrictedVolumeTypes.Contains(VolumeType(v))),
        ["restricted: Privilege Escalation"] = p => Containers(p).Any(c => c.SecurityContext?.AllowPrivilegeEscalation != false),
        ["restricted: Running as Non-root"] = p => Containers(p).Any(c => (c.SecurityContext?.RunAsNonRoot ?? p.SecurityContext?.RunAsNonRoot) != true),
        ["restricted: Running as Non-root user"] = p => p.SecurityContext?.RunAsUser == 0 || Containers(p).Any(c => c.SecurityContext?.RunAsUser == 0),
        ["restricted: Seccomp"] = p => Containers(p).Any(c => (c.SecurityContext?.SeccompProfile?.Type ?? p.SecurityContext?.SeccompProfile?.Type) is not ("RuntimeDefault" or "Localhost")),
        ["restricted: Capabilities"] = p => Containers(p).Any(c =>
            c.SecurityContext?.Capabilities?.Drop?.Contains("ALL") != true
            || (c.SecurityContext.Capabilities.Add ?? []).Any(a => a != "NET_BIND_SERVICE")),
    };

    /// <summary>Names of the rules the Pod breaks (empty: it meets "restricted").</summary>
    public static IReadOnlyList<string> Violations(V1PodSpec pod) => [.. Rules.Where(r => r.Value(pod)).Select(r => r.Key)];

    private static IEnumerable<V1Container> Containers(V1PodSpec pod)
        => (pod.Containers ?? []).Concat(pod.InitContainers ?? []);

    private static bool SeLinuxBroken(V1SELinuxOptions? options)
        => options is not null && (!SeLinuxTypes.Contains(options.Type ?? "") || options.User is not null || options.Role is not null);

    private static string VolumeType(V1Volume volume) => volume switch
    {
        { ConfigMap: not null } => "configMap",
        { Csi: not null } => "csi",
        { DownwardAPI: not null } => "downwardAPI",
        { EmptyDir: not null } => "emptyDir",
        { Ephemeral: not null } => "ephemeral",
        { PersistentVolumeClaim: not null } => "persistentVolumeClaim",
        { Projected: not null } => "projected",
        { Secret: not null } => "secret",
        { Nfs: not null } => "nfs",
        { HostPath: not null } => "hostPath",
        _ => "other",
    };
}
