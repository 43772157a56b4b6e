using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>runtimes.libvirt</c>: binding with defaults and located errors.</summary>
public sealed class LibvirtSectionTests
{
    [Fact]
    public void A_libvirt_host_binds_with_its_settings_and_defaults()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  libvirt:",
            "    kvm-1:",
            "      imageDir: /var/lib/reconciler/images",
            "      storageDir: vms",
            "      network: bridge:br0",
            "      shutdownTimeoutSeconds: 30",
            "      sshAuthorizedKeys: [ssh-ed25519 AAAA dev@acme]",
            "    kvm-2: { uri: 'qemu+ssh://root@gpu-07/system', imageDir: i, storageDir: s }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var kvm1 = result.Value!.LibvirtHosts["kvm-1"];
        Assert.Equal(
            ("qemu:///system", "/var/lib/reconciler/images", "vms", "bridge:br0", TimeSpan.FromSeconds(30), "127.0.0.1"),
            (kvm1.Uri, kvm1.ImageDirectory, kvm1.StorageDirectory, kvm1.Network, kvm1.ShutdownTimeout, kvm1.VncListen));
        Assert.Equal(["ssh-ed25519 AAAA dev@acme"], kvm1.SshAuthorizedKeys);
        var kvm2 = result.Value.LibvirtHosts["kvm-2"];
        Assert.Equal(("qemu+ssh://root@gpu-07/system", "none", TimeSpan.FromSeconds(60)), (kvm2.Uri, kvm2.Network, kvm2.ShutdownTimeout));
    }

    [Theory]
    [InlineData("    default: { imageDir: i, storageDir: s }", 4, "/runtimes/libvirt/default", "already a Docker host name")]
    [InlineData("    kvm: { imageDir: i, storageDir: s, network: wifi }", 4, "/runtimes/libvirt/kvm/network", "")]
    [InlineData("    kvm: { imageDir: i }", 4, "/runtimes/libvirt/kvm/storageDir", "storageDir")]
    [InlineData("    kvm: { imageDir: i, storageDir: s, shutdownTimeoutSeconds: 0 }", 4, "/runtimes/libvirt/kvm/shutdownTimeoutSeconds", "")]
    public void Bad_libvirt_hosts_are_located_errors(string line, int lineNumber, string pointer, string message)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "runtimes:", "  libvirt:", line), Yaml.File);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((pointer, lineNumber), (error.JsonPointer, error.Location!.Line));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_libvirt_host_named_like_a_docker_host_is_refused_at_its_key()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  docker:",
            "    gpu-1: { endpoint: 'tcp://10.0.0.7:2375' }",
            "  libvirt:",
            "    gpu-1: { imageDir: i, storageDir: s }"), Yaml.File);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, "/runtimes/libvirt/gpu-1", 6), (error.Code, error.JsonPointer, error.Location!.Line));
    }
}
