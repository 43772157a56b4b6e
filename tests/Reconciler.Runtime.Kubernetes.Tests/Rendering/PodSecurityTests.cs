using k8s.Models;
using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Runtime.Kubernetes.Tests.Support;

namespace Reconciler.Runtime.Kubernetes.Tests.Rendering;

/// <summary>
/// Pod Security Standards "restricted". Rules checked (see <see cref="RestrictedProfile.Rules"/>):
/// baseline: HostProcess, Host Namespaces, Privileged Containers, HostPath Volumes, Host Ports, AppArmor, SELinux,
/// /proc Mount Type, Sysctls; restricted: Volume Types, Privilege Escalation, Running as Non-root,
/// Running as Non-root user, Seccomp, Capabilities.
/// </summary>
public sealed class PodSecurityTests
{
    public static IEnumerable<object[]> Rules() => RestrictedProfile.Rules.Keys.Select(r => new object[] { r });

    [Fact]
    public void Every_workspace_rendered_as_restricted_meets_every_rule()
    {
        var restricted = RenderCases.All()
            .Select(c => (Case: c, Rendered: WorkspaceRenderer.Render(c.Desired, c.Options)))
            .Where(r => r.Rendered.PodSecurity == PodSecurityLevel.Restricted)
            .ToList();
        Assert.True(restricted.Count >= 8, $"only {restricted.Count} restricted cases");
        foreach (var (testCase, rendered) in restricted)
        {
            Assert.Empty(rendered.SecurityDeviations);
            Assert.True(RestrictedProfile.Violations(Workloads.PodSpec(rendered)).Count == 0,
                $"{testCase}: {string.Join(", ", RestrictedProfile.Violations(Workloads.PodSpec(rendered)))}");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_catches_a_pod_that_breaks_only_it(string rule)
    {
        var pod = Workloads.PodSpec(WorkspaceRenderer.Render(RenderCases.Named("pod/ide").Desired, new KubernetesRenderOptions()));
        Assert.Empty(RestrictedProfile.Violations(pod));

        Break(rule, pod);

        // A hostPath volume is also a volume type "restricted" does not allow: the one rule that implies another.
        string[] expected = rule == "baseline: HostPath Volumes" ? [rule, "restricted: Volume Types"] : [rule];
        Assert.Equal(expected, RestrictedProfile.Violations(pod));
    }

    [Fact]
    public void A_devcontainer_that_needs_more_says_so_and_breaks_the_rules_it_names()
    {
        var testCase = RenderCases.Named("privileged/docker-in-docker");
        var rendered = WorkspaceRenderer.Render(testCase.Desired, testCase.Options);

        Assert.Equal(PodSecurityLevel.Privileged, rendered.PodSecurity);
        Assert.Empty(rendered.Problems);
        Assert.Contains(rendered.SecurityDeviations, d => d.StartsWith("runs as root", StringComparison.Ordinal));
        Assert.Contains(rendered.SecurityDeviations, d => d.StartsWith("privileged container", StringComparison.Ordinal));
        Assert.Contains(rendered.SecurityDeviations, d => d.StartsWith("adds capability SYS_PTRACE", StringComparison.Ordinal));
        var broken = RestrictedProfile.Violations(Workloads.PodSpec(rendered));
        Assert.Contains("baseline: Privileged Containers", broken);
        Assert.Contains("restricted: Running as Non-root", broken);
        Assert.Contains("restricted: Capabilities", broken);
    }

    [Fact]
    public void A_devcontainer_that_needs_more_than_the_cluster_allows_is_not_applied()
    {
        var testCase = RenderCases.Named("privileged/docker-in-docker");
        var rendered = WorkspaceRenderer.Render(testCase.Desired, testCase.Options with { MaxPodSecurity = PodSecurityLevel.Baseline });

        var problem = Assert.Single(rendered.Problems);
        Assert.StartsWith("the devcontainer needs Pod Security privileged, this cluster allows at most baseline", problem, StringComparison.Ordinal);
    }

    private static void Break(string rule, V1PodSpec pod)
    {
        var container = pod.Containers[0];
        var security = container.SecurityContext;
        switch (rule)
        {
            case "baseline: HostProcess":
                security.WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true };
                break;
            case "baseline: Host Namespaces":
                pod.HostPID = true;
                break;
            case "baseline: Privileged Containers":
                security.Privileged = true;
                break;
            case "baseline: HostPath Volumes":
                pod.Volumes[0].EmptyDir = null;
                pod.Volumes[0].HostPath = new V1HostPathVolumeSource { Path = "/" };
                break;
            case "baseline: Host Ports":
                container.Ports[0].HostPort = 8080;
                break;
            case "baseline: AppArmor":
                security.AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" };
                break;
            case "baseline: SELinux":
                security.SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" };
                break;
            case "baseline: /proc Mount Type":
                security.ProcMount = "Unmasked";
                break;
            case "baseline: Sysctls":
                pod.SecurityContext.Sysctls = [new V1Sysctl { Name = "kernel.msgmax", Value = "1" }];
                break;
            case "restricted: Volume Types":
                pod.Volumes[0].EmptyDir = null;
                pod.Volumes[0].Nfs = new V1NFSVolumeSource { Server = "nfs", Path = "/" };
                break;
            case "restricted: Privilege Escalation":
                security.AllowPrivilegeEscalation = null;
                break;
            case "restricted: Running as Non-root":
                security.RunAsNonRoot = false;
                break;
            case "restricted: Running as Non-root user":
                pod.SecurityContext.RunAsUser = 0;
                break;
            case "restricted: Seccomp":
                security.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
                break;
            case "restricted: Capabilities":
                security.Capabilities.Add = ["SYS_ADMIN"];
                break;
            default:
                throw new InvalidOperationException($"no way to break {rule}");
        }
    }
}
