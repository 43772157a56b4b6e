using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

/// <summary><c>deployment: vm</c> is applied only on a configured libvirt host, and says why otherwise.</summary>
public sealed class VmDeploymentTests
{
    private static readonly CompilerOptions WithKvm = CompilerOptions.Default with { VmHosts = new HashSet<string>(StringComparer.Ordinal) { "kvm-1" } };

    [Fact]
    public void A_vm_on_a_configured_libvirt_host_is_supported_and_may_ask_for_vnc()
    {
        var desired = CompileVm(new WorkspaceSpec { Name = "desk", Deployment = DeploymentKind.Vm, Host = "kvm-1", Type = WorkspaceType.Desktop, Access = new AccessSpec(Vnc: true) }, WithKvm);

        Assert.Empty(desired.Unsupported);
    }

    [Fact]
    public void Without_any_libvirt_host_a_vm_is_blocked_with_the_config_to_add()
    {
        var desired = CompileVm(new WorkspaceSpec { Name = "desk", Deployment = DeploymentKind.Vm, Host = "kvm-1" }, CompilerOptions.Default);

        Assert.Equal(["deployment vm (no libvirt host is configured: add runtimes.libvirt to the worker configuration, see docs/vm.md)"], desired.Unsupported);
    }

    [Fact]
    public void A_vm_that_names_no_libvirt_host_is_blocked_with_the_hosts_it_may_name()
    {
        var desired = CompileVm(new WorkspaceSpec { Name = "desk", Deployment = DeploymentKind.Vm }, WithKvm);

        Assert.Equal(["deployment vm on host 'default', which is not a libvirt host (name one with host: kvm-1)"], desired.Unsupported);
    }

    [Fact]
    public void A_container_may_not_name_a_libvirt_host()
    {
        var desired = CompileVm(new WorkspaceSpec { Name = "web", Host = "kvm-1", Access = new AccessSpec(Vnc: true) }, WithKvm);

        Assert.Contains(desired.Unsupported, u => u.StartsWith("host 'kvm-1' is not configured", StringComparison.Ordinal));
        Assert.DoesNotContain("access.vnc", desired.Unsupported); // a container's VNC is docs/access.md
    }

    private static DesiredWorkspace CompileVm(WorkspaceSpec spec, CompilerOptions options)
    {
        var result = DesiredStateCompiler.Compile(new CompileRequest(spec, Compile.Config("ubuntu-24.04.qcow2"), ".devcontainer/devcontainer.json", Compile.Repository, "c1"), options);
        return result.Desired ?? throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
    }
}
