namespace Reconciler.Runtime.Libvirt.Domains;

/// <summary>
/// Everything a domain XML is rendered from, already resolved to host paths and devices. <see cref="Network"/>
/// is a <see cref="NetworkAttachment"/>; <see cref="VncPassword"/> non-null means VNC graphics (desktop).
/// </summary>
internal sealed record DomainSpec(
    string Name,
    string Uuid,
    int Vcpus,
    long MemoryBytes,
    string? OverlayPath,
    string? SeedPath,
    NetworkAttachment Network,
    DomainMetadata Metadata)
{
    public string? VncPassword { get; init; }

    /// <summary>Address VNC listens on. Default: loopback.</summary>
    public string VncListen { get; init; } = "127.0.0.1";

    /// <summary>access.rdp: the host port (on <see cref="VncListen"/>) forwarded to the guest's 3389; null without RDP.</summary>
    public int? RdpHostPort { get; init; }

    /// <summary>PCI addresses (<c>0000:18:00.0</c> or nvidia-smi's <c>00000000:18:00.0</c>) passed through whole.</summary>
    public IReadOnlyList<string> PciHostDevices { get; init; } = [];

    /// <summary>UUIDs of mediated devices (vGPUs) handed to the guest.</summary>
    public IReadOnlyList<string> MediatedDevices { get; init; } = [];
}
