using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class PortTests
{
    [Fact]
    public void Reads_numbers_and_host_port_strings()
        => Assert.Equal(
            [new ForwardPort(80), new ForwardPort(5432, "db"), new ForwardPort(8080)],
            Devcontainer.Clean("""{ "image": "x", "forwardPorts": [80, "db:5432", "8080"] }""").ForwardPorts);

    [Theory]
    [InlineData("70000")]
    [InlineData("\"db:\"")]
    [InlineData("\":80\"")]
    [InlineData("\"db:99999\"")]
    public void Out_of_range_or_malformed_ports_are_invalid(string json)
        => Assert.Equal(DiagnosticCodes.InvalidValue, Devcontainer.Single("{ \"image\": \"x\", \"forwardPorts\": [" + json + "] }").Code);

    [Fact]
    public void Rejects_out_of_range_appPort()
        => Assert.Equal(DiagnosticCodes.InvalidValue, Devcontainer.Single("""{ "image": "x", "appPort": -1 }""").Code);

    [Theory]
    [InlineData("{ \"cpus\": 0 }")]
    [InlineData("{ \"memory\": \"lots\" }")]
    [InlineData("{ \"gpu\": { \"cores\": 0 } }")]
    public void Rejects_invalid_host_requirements(string json)
        => Assert.Equal(DiagnosticCodes.InvalidValue, Devcontainer.Single("{ \"image\": \"x\", \"hostRequirements\": " + json + " }").Code);
}
