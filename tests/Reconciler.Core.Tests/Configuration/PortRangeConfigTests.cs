using Reconciler.Core.Access;
using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

public sealed class PortRangeConfigTests
{
    [Fact]
    public void A_host_without_portRange_gets_the_default_and_one_with_it_gets_its_own()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default: { endpoint: unix:///var/run/docker.sock }",
            "    gpu-node-1: { endpoint: tcp://10.0.0.7:2375, portRange: 40000-40099 }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(HostPortRange.Default, result.Value!.DockerHosts["default"].PortRange);
        Assert.Equal(new HostPortRange(40000, 40099), result.Value.DockerHosts["gpu-node-1"].PortRange);
    }

    [Fact]
    public void A_reversed_range_is_a_located_error()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    default: { endpoint: unix:///var/run/docker.sock, portRange: 40099-40000 }"), Yaml.File);

        var error = Yaml.Single(result.Diagnostics, DiagnosticCodes.ConfigInvalid);
        Assert.Equal("/runtimes/docker/default/portRange", error.JsonPointer);
        Assert.Equal(4, error.Location?.Line);
        Assert.Contains("32000-32999", error.Message);
    }
}
