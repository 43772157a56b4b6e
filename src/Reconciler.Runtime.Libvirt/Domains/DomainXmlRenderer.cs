using System.Globalization;
using System.Xml.Linq;

namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>
/// Renders libvirt domain XML from a <see cref="DomainSpec"/>. Pure and deterministic (golden-tested): KVM, ACPI
/// (so a graceful shutdown can reach the guest), the qcow2 overlay as a virtio disk, the cloud-init seed as a
/// read-only CD-ROM, the NIC from the worker config, VNC for desktops, and GPU host devices.
/// </summary>
internal static class DomainXmlRenderer
{
    public static string Render(DomainSpec spec)
    {
        var devices = new XElement("devices");
        if (spec.OverlayPath is not null)
        {
            devices.Add(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                new XElement("source", new XAttribute("file", spec.OverlayPath)),
                new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
        }

        if (spec.SeedPath is not null)
        {
            devices.Add(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "cdrom"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("source", new XAttribute("file", spec.SeedPath)),
                new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "sata")),
                new XElement("readonly")));
        }

        if (Interface(spec.Network) is { } nic)
        {
            devices.Add(nic);
        }

        if (spec.VncPassword is not null)
        {
            devices.Add(new XElement(
                "graphics",
                new XAttribute("type", "vnc"),
                new XAttribute("port", "-1"),
                new XAttribute("autoport", "yes"),
                new XAttribute("listen", spec.VncListen),
                new XAttribute("passwd", spec.VncPassword),
                new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", spec.VncListen))));
            devices.Add(new XElement("video", new XElement("model", new XAttribute("type", "vga"))));
        }

        foreach (var address in spec.PciHostDevices)
        {
            devices.Add(new XElement(
                "hostdev",
                new XAttribute("mode", "subsystem"),
                new XAttribute("type", "pci"),
                new XAttribute("managed", "yes"),
                new XElement("source", PciAddress(address))));
        }

        foreach (var uuid in spec.MediatedDevices)
        {
            devices.Add(new XElement(
                "hostdev",
                new XAttribute("mode", "subsystem"),
                new XAttribute("type", "mdev"),
                new XAttribute("model", "vfio-pci"),
                new XAttribute("display", "off"),
                new XElement("source", new XElement("address", new XAttribute("uuid", uuid)))));
        }

        var memoryKiB = Math.Max(1, spec.MemoryBytes / 1024);
        var domain = new XElement(
            "domain",
            new XAttribute("type", "kvm"),
            new XElement("name", spec.Name),
            new XElement("uuid", spec.Uuid),
            new XElement("metadata", spec.Metadata.ToXml()),
            new XElement("memory", new XAttribute("unit", "KiB"), memoryKiB.ToString(CultureInfo.InvariantCulture)),
            new XElement("vcpu", spec.Vcpus.ToString(CultureInfo.InvariantCulture)),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm"), new XElement("boot", new XAttribute("dev", "hd"))),
            new XElement("features", new XElement("acpi"), new XElement("apic")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            devices);
        if (spec.RdpHostPort is { } rdpPort)
        {
            domain.Add(new XAttribute(XNamespace.Xmlns + "qemu", QemuNamespace.NamespaceName));
            domain.Add(RdpForward(spec.VncListen, rdpPort));
        }

        return domain.ToString() + "\n";
    }

    private static readonly XNamespace QemuNamespace = "http://libvirt.org/schemas/domain/qemu/1.0";

    /// <summary>Guest port of the RDP forward (Windows' Remote Desktop).</summary>
    public const int RdpGuestPort = 3389;

    /// <summary>
    /// access.rdp: a second, dedicated QEMU user-mode NIC whose only job is the host port forward
    /// <c>LISTEN:PORT → guest:3389</c> (QEMU's <c>hostfwd</c>). <c>restrict=on</c> keeps the guest from reaching anything
    /// through it (the guest's own network stays the configured NIC). libvirt 9.0's <c>&lt;portForward&gt;</c> needs the
    /// passt backend, which Debian 12's libvirt 9.0.0 rejects when parsing, hence QEMU arguments; the device sits on a
    /// fixed PCI slot (0x1e) that libvirt's own automatic placement does not reach on a domain of this shape.
    /// </summary>
    private static XElement RdpForward(string listen, int hostPort)
    {
        var netdev = string.Create(CultureInfo.InvariantCulture, $"user,id=rcrdp,restrict=on,hostfwd=tcp:{listen}:{hostPort}-:{RdpGuestPort}");
        return new XElement(
            QemuNamespace + "commandline",
            Arg("-netdev"),
            Arg(netdev),
            Arg("-device"),
            Arg("virtio-net-pci,netdev=rcrdp,bus=pci.0,addr=0x1e"));

        static XElement Arg(string value) => new(QemuNamespace + "arg", new XAttribute("value", value));
    }

    private static XElement? Interface(NetworkAttachment network) => network.Kind switch
    {
        NetworkKind.User => new XElement("interface", new XAttribute("type", "user"), VirtioModel()),
        NetworkKind.Network => new XElement("interface", new XAttribute("type", "network"), new XElement("source", new XAttribute("network", network.Source!)), VirtioModel()),
        NetworkKind.Bridge => new XElement("interface", new XAttribute("type", "bridge"), new XElement("source", new XAttribute("bridge", network.Source!)), VirtioModel()),
        _ => null,
    };

    private static XElement VirtioModel() => new("model", new XAttribute("type", "virtio"));

    /// <summary><c>[domain:]bus:slot.function</c> in hex; nvidia-smi prints an 8-digit domain, libvirt wants 4.</summary>
    internal static XElement PciAddress(string text)
    {
        var parts = text.Split(':');
        var (domain, bus, slotFunction) = parts.Length switch
        {
            3 => (parts[0], parts[1], parts[2]),
            2 => ("0", parts[0], parts[1]),
            _ => throw new FormatException($"PCI address '{text}' is not [domain:]bus:slot.function"),
        };
        var dot = slotFunction.Split('.');
        if (dot.Length != 2)
        {
            throw new FormatException($"PCI address '{text}' is not [domain:]bus:slot.function");
        }

        return new XElement(
            "address",
            new XAttribute("domain", Hex(domain, 4, text)),
            new XAttribute("bus", Hex(bus, 2, text)),
            new XAttribute("slot", Hex(dot[0], 2, text)),
            new XAttribute("function", Hex(dot[1], 1, text)));
    }

    private static string Hex(string digits, int width, string text)
    {
        if (!long.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value) || value > 0xFFFF)
        {
            throw new FormatException($"PCI address '{text}' has a part that is not hexadecimal: '{digits}'");
        }

        return "0x" + value.ToString("x" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
