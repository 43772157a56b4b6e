using Reconciler.Worker.Access;

namespace Reconciler.Worker.Tests;

public sealed class ConnectionInfoParseTests
{
    [Theory]
    [InlineData("0.0.0.0:32044->8080/tcp", "gpu-node-1", 8080, "tcp", "gpu-node-1:32044", "http://gpu-node-1:32044")]
    [InlineData("127.0.0.1:32417->8888/tcp", "gpu-node-1", 8888, "tcp", "127.0.0.1:32417", "http://127.0.0.1:32417")]
    [InlineData(":::32044->8080/tcp", "localhost", 8080, "tcp", "localhost:32044", "http://localhost:32044")]
    [InlineData("0.0.0.0:32053->53/udp", "localhost", 53, "udp", "localhost:32053", null)]
    public void Observed_ports_become_addresses(string observed, string host, int containerPort, string protocol, string address, string? url)
        => Assert.Equal(new PublishedPortInfo(containerPort, protocol, address, url), ConnectionInfoReader.Parse(observed, host));

    [Theory]
    [InlineData("")]
    [InlineData("8080/tcp")]
    [InlineData("0.0.0.0:x->8080/tcp")]
    public void Anything_else_is_skipped(string observed) => Assert.Null(ConnectionInfoReader.Parse(observed, "localhost"));

    [Theory]
    [InlineData("tcp://10.0.0.7:2375", "10.0.0.7")]
    [InlineData("unix:///var/run/docker.sock", "localhost")]
    [InlineData(null, "localhost")]
    public void The_host_address_comes_from_a_tcp_endpoint(string? endpoint, string expected) => Assert.Equal(expected, ConnectionInfoReader.Address(endpoint));
}
