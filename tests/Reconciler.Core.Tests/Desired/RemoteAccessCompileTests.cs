using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

/// <summary><c>access.ssh</c>, <c>vnc</c> and <c>rdp</c> of a Docker workspace: which ports are published where, and where they are not supported.</summary>
public sealed class RemoteAccessCompileTests
{
    [Fact]
    public void Ssh_is_published_on_every_interface_and_vnc_and_rdp_on_loopback()
    {
        var spec = new WorkspaceSpec { Name = "desk", Type = WorkspaceType.Desktop, Access = new AccessSpec(Ssh: true, Vnc: true, Rdp: true) };

        var desired = Compile.Workspace("desk", spec: spec);

        Assert.Empty(desired.Unsupported);
        Assert.Equal(
            [new PortBinding(22, null, "tcp", "0.0.0.0"), new PortBinding(3389, null, "tcp", "127.0.0.1"), new PortBinding(5900, null, "tcp", "127.0.0.1")],
            desired.Container.Ports);
        Assert.Equal("0.0.0.0:auto", desired.Fields["ports.22/tcp"]);
        Assert.DoesNotContain(desired.Container.Env.Keys, k => k.Contains("VNC", StringComparison.Ordinal) || k.Contains("RDP", StringComparison.Ordinal));
    }

    [Fact]
    public void Ports_entries_decide_the_interface_of_an_access_port()
    {
        var spec = new WorkspaceSpec
        {
            Name = "desk",
            Access = new AccessSpec(Ssh: true, Vnc: true),
            Ports = [new PortSpec(22, "ssh", PortExposure.Internal), new PortSpec(5900, "vnc", PortExposure.Public)],
        };

        var desired = Compile.Workspace("desk", spec: spec);

        Assert.Equal([new PortBinding(22, null, "tcp", "127.0.0.1"), new PortBinding(5900, null, "tcp", "0.0.0.0")], desired.Container.Ports);
    }

    [Fact]
    public void Without_access_no_access_port_is_published()
        => Assert.Empty(Compile.Workspace("plain").Container.Ports);
}
