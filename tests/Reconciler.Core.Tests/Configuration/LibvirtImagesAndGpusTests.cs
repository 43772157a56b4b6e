using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>runtimes.libvirt.&lt;host&gt;.images</c>, <c>maxImageSizeGiB</c> and <c>gpus</c>: binding and located errors.</summary>
public sealed class LibvirtImagesAndGpusTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void Listed_images_the_size_cap_and_declared_gpus_bind()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  libvirt:",
            "    kvm:",
            "      imageDir: images",
            "      storageDir: vms",
            "      maxImageSizeGiB: 8",
            "      images:",
            $"        - {{ name: ubuntu-24.04.qcow2, url: 'https://images.example.test/ubuntu.qcow2', sha256: {Sha} }}",
            "      gpus:",
            "        - { uuid: GPU-1, name: NVIDIA H100 80GB HBM3, memory: 80Gi, pciBusId: '00000000:41:00.0' }",
            "        - { uuid: GPU-2, name: NVIDIA A40, memory: 48Gi, vgpuTypes: [{ name: A40-12Q, maxInstances: 4 }] }"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var kvm = result.Value!.LibvirtHosts["kvm"];
        var image = Assert.Single(kvm.Images);
        Assert.Equal(("ubuntu-24.04.qcow2", "https://images.example.test/ubuntu.qcow2", Sha, 8L << 30), (image.Name, image.Url.ToString(), image.Sha256, kvm.MaxImageBytes));
        var gpus = kvm.Gpus!.Declared!.Gpus;
        Assert.Equal(["00000000:41:00.0", null], gpus.Select(g => g.PciBusId));
        Assert.Equal("A40-12Q", Assert.Single(gpus[1].VgpuProfiles).Name);
    }

    [Fact]
    public void Without_images_nothing_is_listed_and_the_cap_is_64_GiB()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "runtimes:", "  libvirt:", "    kvm: { imageDir: i, storageDir: s }"), Yaml.File);

        var kvm = result.Value!.LibvirtHosts["kvm"];
        Assert.Equal((0, 64L << 30, null), (kvm.Images.Count, kvm.MaxImageBytes, kvm.Gpus));
    }

    [Theory]
    [InlineData($"        - {{ name: a.qcow2, url: 'ftp://x/a', sha256: {Sha} }}", "/runtimes/libvirt/kvm/images/0/url")]
    [InlineData("        - { name: a.qcow2, url: 'http://x/a', sha256: ABC }", "/runtimes/libvirt/kvm/images/0/sha256")]
    [InlineData($"        - {{ name: ../a.qcow2, url: 'http://x/a', sha256: {Sha} }}", "/runtimes/libvirt/kvm/images/0/name")]
    [InlineData($"        - {{ name: .hidden, url: 'http://x/a', sha256: {Sha} }}", "/runtimes/libvirt/kvm/images/0/name")]
    public void Bad_image_entries_are_located_errors(string line, string pointer)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "runtimes:", "  libvirt:", "    kvm:", "      imageDir: i", "      storageDir: s", "      images:", line), Yaml.File);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((pointer, 8), (error.JsonPointer, error.Location!.Line));
    }

    [Fact]
    public void An_image_listed_twice_is_refused_at_the_second_name()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  libvirt:",
            "    kvm:",
            "      imageDir: i",
            "      storageDir: s",
            "      images:",
            $"        - {{ name: a.qcow2, url: 'http://x/a', sha256: {Sha} }}",
            $"        - {{ name: a.qcow2, url: 'http://x/b', sha256: {Sha} }}"), Yaml.File);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, "/runtimes/libvirt/kvm/images/1/name", 9), (error.Code, error.JsonPointer, error.Location!.Line));
        Assert.Contains("listed twice", error.Message, StringComparison.Ordinal);
    }
}
