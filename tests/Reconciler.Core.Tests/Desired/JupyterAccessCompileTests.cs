using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

public sealed class JupyterAccessCompileTests
{
    [Fact]
    public void Jupyter_is_supported_and_publishes_8888_on_loopback_without_a_host_port()
    {
        var desired = Compile.Workspace("nb", spec: new WorkspaceSpec { Name = "nb", Access = new AccessSpec(Jupyter: true) });

        Assert.Empty(desired.Unsupported);
        Assert.Equal([new PortBinding(8888, null, "tcp", "127.0.0.1")], desired.Container.Ports);
        Assert.DoesNotContain(desired.Container.Env.Keys, k => k.Contains("JUPYTER", StringComparison.Ordinal));
    }

    [Fact]
    public void A_public_8888_in_ports_wins()
    {
        var spec = new WorkspaceSpec
        {
            Name = "nb",
            Access = new AccessSpec(Jupyter: true),
            Ports = [new PortSpec(8888, "jupyter", PortExposure.Public)],
        };

        var desired = Compile.Workspace("nb", spec: spec);

        Assert.Empty(desired.Unsupported);
        Assert.Equal([new PortBinding(8888, null, "tcp", "0.0.0.0")], desired.Container.Ports);
    }
}
