using Reconciler.Core.Gpu.Allocation;
using Reconciler.Core.Gpu.Placement;
using Reconciler.Core.Gpu.Requests;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Libvirt.Domains;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>
/// Domain XML rendered from desired workspaces, compared with testdata/domains/*.xml (rendered only: no GPU here).
/// Set RECONCILER_UPDATE_GOLDEN=1 to rewrite the files after an intended change, then review the diff.
/// </summary>
public sealed class DomainXmlGoldenTests
{
    private const string Repository = "github.com/acme/vms";
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly LibvirtRuntimeOptions Options = new()
    {
        ImageDirectory = "/var/lib/reconciler/images",
        StorageDirectory = "/var/lib/reconciler/vms",
        Network = NetworkAttachment.Parse("network:default")!,
        GpuPciAddresses = new Dictionary<string, string>
        {
            ["GPU-0a1b2c3d-0000-0000-0000-000000000001"] = "00000000:18:00.0",
            ["GPU-0a1b2c3d-0000-0000-0000-000000000002"] = "00000000:2A:00.0",
        },
    };

    [Fact]
    public void Exclusive_GPUs_render_as_managed_PCI_hostdevs() => AssertGolden("gpu-hostdev", Gpu(GpuMode.Exclusive, null, "GPU-0a1b2c3d-0000-0000-0000-000000000001", "GPU-0a1b2c3d-0000-0000-0000-000000000002"));

    [Fact]
    public void A_vGPU_renders_as_an_mdev_hostdev_with_a_stable_uuid() => AssertGolden("gpu-mdev", Gpu(GpuMode.Vgpu, "H100-20C", "GPU-0a1b2c3d-0000-0000-0000-000000000001"));

    [Fact]
    public void A_desktop_renders_VNC_graphics_on_loopback_with_its_password()
    {
        var desired = DesiredVms.For(Repository, "desk", memory: 4L << 30, type: WorkspaceType.Desktop) with { };
        desired = desired with { Container = desired.Container with { NanoCpus = 2_500_000_000 } };
        AssertGolden("desktop-vnc", DomainSpecFactory.Create(desired, Options, desired.Image, "/var/lib/reconciler/vms/desk.qcow2", "/var/lib/reconciler/vms/desk-seed.iso", "pAss2345", Created) with { Uuid = "00000000-0000-4000-8000-000000000003" });
    }

    [Fact]
    public void An_RDP_desktop_renders_a_restricted_user_mode_NIC_forwarding_its_host_port_to_3389_and_records_the_port()
    {
        var desired = DesiredVms.For(Repository, "win", memory: 4L << 30, type: WorkspaceType.Desktop);
        var spec = DomainSpecFactory.Create(desired, Options, desired.Image, "/var/lib/reconciler/vms/win.qcow2", "/var/lib/reconciler/vms/win-seed.iso", "pAss2345", Created, rdpHostPort: 32417) with { Uuid = "00000000-0000-4000-8000-000000000004" };
        AssertGolden("desktop-rdp", spec);

        var metadata = System.Xml.Linq.XElement.Parse(DomainXmlRenderer.Render(spec)).Element("metadata")!.Elements().Single();
        var parsed = DomainMetadata.Parse(metadata.ToString())!;
        Assert.Equal(32417, parsed.HostPorts["3389/tcp"]);
        Assert.Equal("127.0.0.1", parsed.HostPortListen);
    }

    [Theory]
    [InlineData("gpu-hostdev")]
    [InlineData("gpu-mdev")]
    [InlineData("desktop-vnc")]
    [InlineData("desktop-rdp")]
    public void Every_golden_file_is_valid_against_libvirts_own_domain_schema(string name)
    {
        var (code, output) = VirshTool.RunTool("virt-xml-validate", [GoldenPath(name), "domain"]);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void MIG_cannot_be_given_to_a_VM()
    {
        var e = Assert.Throws<Native.StepFailedException>(() => Gpu(GpuMode.Mig, "1g.10gb", "GPU-0a1b2c3d-0000-0000-0000-000000000001"));
        Assert.Equal("GpuModeUnsupported", e.Reason);
    }

    [Fact]
    public void An_exclusive_GPU_without_a_PCI_address_fails_with_its_uuid()
    {
        var e = Assert.Throws<Native.StepFailedException>(() => Gpu(GpuMode.Exclusive, null, "GPU-unknown"));
        Assert.Equal("GpuAddressUnknown", e.Reason);
        Assert.Contains("GPU-unknown", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0000:18:00.0", "0x0000", "0x18", "0x00", "0x0")]
    [InlineData("00000000:2A:1F.7", "0x0000", "0x2a", "0x1f", "0x7")]
    [InlineData("af:00.1", "0x0000", "0xaf", "0x00", "0x1")]
    public void PCI_addresses_accept_nvidia_smi_and_lspci_forms(string text, string domain, string bus, string slot, string function)
    {
        var address = DomainXmlRenderer.PciAddress(text);
        Assert.Equal((domain, bus, slot, function), ((string)address.Attribute("domain")!, (string)address.Attribute("bus")!, (string)address.Attribute("slot")!, (string)address.Attribute("function")!));
    }

    [Theory]
    [InlineData("18:00")]
    [InlineData("zz:00.0")]
    [InlineData("1:2:3:4.0")]
    public void A_malformed_PCI_address_is_refused(string text) => Assert.Throws<FormatException>(() => DomainXmlRenderer.PciAddress(text));

    private static DomainSpec Gpu(GpuMode mode, string? profile, params string[] uuids)
    {
        var desired = DesiredVms.For(Repository, "train", memory: 64L << 30);
        var request = new GpuRequest(mode, uuids.Length, Profile: profile);
        var assignment = new GpuAssignment("train", "default", mode, uuids.Select(u => new AssignedGpu(u)).ToList(), profile);
        desired = desired with { Gpu = new WorkspaceGpu(request, assignment) };
        return DomainSpecFactory.Create(desired, Options, desired.Image, "/var/lib/reconciler/vms/train.qcow2", null, null, Created) with { Uuid = "00000000-0000-4000-8000-000000000001" };
    }

    private static string GoldenPath(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "Reconciler.Runtime.Libvirt.Tests", "testdata", "domains", name + ".xml");

    private static void AssertGolden(string name, DomainSpec spec)
    {
        var actual = DomainXmlRenderer.Render(spec);
        var source = GoldenPath(name);
        if (Environment.GetEnvironmentVariable("RECONCILER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(source), actual);
    }
}
